package dev.likes.kit.security;

import dev.likes.kit.ratelimit.FailedAuthenticationLimit;
import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import dev.likes.kit.web.ProblemResponses;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens for a service that is a resource server (it has spring-security-oauth2-resource-server): an HS256
 * {@link JwtDecoder} over {@code likes.security.jwt-secret}, checked at startup, that accepts only tokens passing the
 * {@link TokenRules} (an {@code exp} within {@code likes.security.jwt.max-lifetime}, a usable {@code sub}, and the
 * configured {@code iss} and {@code aud}), and the 401/403 problem answers its
 * {@code SecurityFilterChain} wires in through {@link BearerTokenSecurity}. A service that only has the JOSE classes (test-support brings them into every
 * test class path) gets nothing, so it needs no secret.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class, after = ProblemDetailsAutoConfiguration.class)
@ConditionalOnClass({JwtDecoder.class, NimbusJwtDecoder.class, BearerTokenAuthenticationToken.class})
@EnableConfigurationProperties(JwtProperties.class)
public class JwtSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        var key = new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(TokenRules.of(properties.jwt(), Clock.systemUTC()));
        var rules = properties.jwt();
        if (rules.verifiedCacheSize() == 0 || rules.verifiedCacheTime().isZero()) {
            return decoder;
        }
        return new VerifiedTokens(decoder, rules.verifiedCacheSize(), rules.verifiedCacheTime(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(ProblemResponses.class)
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ProblemResponses problems) {
        return new ProblemAuthenticationEntryPoint(problems);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(ProblemResponses.class)
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(ProblemResponses problems) {
        return new ProblemAccessDeniedHandler(problems);
    }

    @Bean
    @ConditionalOnClass(HttpSecurity.class)
    @ConditionalOnBean({ProblemAuthenticationEntryPoint.class, ProblemAccessDeniedHandler.class})
    @ConditionalOnMissingBean
    BearerTokenSecurity bearerTokenSecurity(
            ProblemAuthenticationEntryPoint unauthorized,
            ProblemAccessDeniedHandler forbidden,
            ObjectProvider<FailedAuthenticationLimit> failedAuthentication) {
        // Behind the rate limit when the service has one: a flood of bad tokens from one address gets 429s.
        AuthenticationEntryPoint refusal = failedAuthentication.stream()
                .findFirst()
                .map(limit -> limit.around(unauthorized))
                .orElse(unauthorized);
        return new BearerTokenSecurity(refusal, forbidden);
    }

    /** {@link CurrentUser} parameters of MVC handlers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class CurrentUserResolution implements WebMvcConfigurer {

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new CurrentUserArgumentResolver());
        }
    }
}
