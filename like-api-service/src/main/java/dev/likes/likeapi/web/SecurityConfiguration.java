package dev.likes.likeapi.web;

import dev.likes.kit.security.BearerTokenSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who a request acts for is the {@code sub} of its HS256 bearer token, nothing else (the token rules and the
 * problem+json 401/403 come from the service kit). Reads of counts and posts are public; every write needs a token.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenSecurity bearer) throws Exception {
        return bearer.apply(http)
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, "/like/count/**", "/posts/**")
                        .permitAll()
                        .requestMatchers(BearerTokenSecurity.ALWAYS_PUBLIC)
                        .permitAll()
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }
}
