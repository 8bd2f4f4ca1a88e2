package dev.likes.notifications.web;

import dev.likes.kit.security.BearerTokenSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Whose notifications and devices a request sees is the {@code sub} of its HS256 bearer token, nothing else (the
 * token rules and the problem+json 401/403 come from the service kit). Only health, info and metrics are public.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenSecurity bearer) throws Exception {
        return bearer.apply(http)
                .authorizeHttpRequests(auth -> auth.requestMatchers(BearerTokenSecurity.ALWAYS_PUBLIC)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }
}
