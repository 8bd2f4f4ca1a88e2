package dev.likes.counts.web;

import dev.likes.kit.ratelimit.LoginThrottle;
import dev.likes.kit.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The operator endpoints under {@code /ops/**} need HTTP Basic as the {@code operator} user, whose password comes from
 * {@code LIKES_OPERATOR_PASSWORD}. Without a password they do not exist (404) and startup says so: an unconfigured
 * instance must not expose a replay button. Everything else this service serves (actuator) is public, as in every
 * service; it is not on the public network.
 */
@Configuration
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain opsSecurity(
            HttpSecurity http, OpsProperties ops, ProblemResponses problems, ObjectProvider<LoginThrottle> throttle)
            throws Exception {
        http.securityMatcher("/ops/**")
                .csrf(csrf -> csrf.disable()) // Basic credentials on every call, no cookies: nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!ops.enabled()) {
            log.atWarn()
                    .log("LIKES_OPERATOR_PASSWORD is not set: the operator endpoints (/ops/**, DLQ replay,"
                            + " reconciliation) are disabled");
            AuthenticationEntryPoint notFound = (request, response, e) -> problems.write(
                    response, problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", "No such endpoint"));
            return http.authorizeHttpRequests(auth -> auth.anyRequest().denyAll())
                    .exceptionHandling(ex -> ex.authenticationEntryPoint(notFound)
                            .accessDeniedHandler((request, response, e) -> notFound.commence(request, response, null)))
                    .build();
        }
        AuthenticationEntryPoint refusal = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"likes-ops\"");
            problems.write(
                    response,
                    problems.problem(
                            HttpStatus.UNAUTHORIZED,
                            "unauthorized",
                            "Unauthorized",
                            "Operator credentials are required"));
        };
        // A password that replays the DLQ is worth guessing: failed logins spend the address's budget, and an address
        // that spent it waits before any password is compared (service-kit's likes.rate-limit.operator-login).
        var loginThrottle = throttle.getIfAvailable();
        if (loginThrottle != null) {
            refusal = loginThrottle.countingFailures(refusal);
            http.addFilterBefore(loginThrottle.filter(), BasicAuthenticationFilter.class);
        }
        AuthenticationEntryPoint operatorRefusal = refusal;
        return http.authorizeHttpRequests(auth -> auth.anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.authenticationEntryPoint(operatorRefusal))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> problems.write(
                        response, problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Not allowed"))))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService operators(OpsProperties ops, PasswordEncoder encoder) {
        var users = new InMemoryUserDetailsManager();
        if (ops.enabled()) {
            users.createUser(User.withUsername(ops.username())
                    .password(encoder.encode(ops.password()))
                    .roles("OPERATOR")
                    .build());
        }
        return users;
    }
}
