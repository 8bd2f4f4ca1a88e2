package dev.likes.kit.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The bearer-token rules every resource server of the suite shares: stateless, no CSRF (tokens only, no cookies:
 * nothing to forge), JWTs checked by the kit's HS256 decoder, 401 and 403 as problem+json. A service applies it to its
 * {@code HttpSecurity} and adds only which of its paths are public.
 */
public class BearerTokenSecurity {

    /**
     * Paths every service serves without a token: the probes (on the service port as {@code /livez} and {@code
     * /readyz}), and on the management port, which shares this chain, health, build info and the metrics scrape; and
     * the error page.
     */
    public static final String[] ALWAYS_PUBLIC = {
        "/livez",
        "/readyz",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/error"
    };

    private final AuthenticationEntryPoint unauthorized;
    private final ProblemAccessDeniedHandler forbidden;

    public BearerTokenSecurity(ProblemAuthenticationEntryPoint unauthorized, ProblemAccessDeniedHandler forbidden) {
        this((AuthenticationEntryPoint) unauthorized, forbidden);
    }

    /** @param unauthorized the 401 answer, possibly wrapped by the kit's failed-authentication rate limit */
    public BearerTokenSecurity(AuthenticationEntryPoint unauthorized, ProblemAccessDeniedHandler forbidden) {
        this.unauthorized = unauthorized;
        this.forbidden = forbidden;
    }

    /** Applies the shared rules; the caller adds {@code authorizeHttpRequests} and builds the chain. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized));
    }
}
