package dev.likes.likeapi.web;

import dev.likes.kit.security.BearerTokenSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who a request acts for is the {@code sub} of its HS256 bearer token, nothing else (the token rules and the
 * problem+json 401/403 come from the service kit). Reads of counts and posts, the live count stream and the web page
 * are public; every write needs a token. {@code POST /dev/token} is public so that it answers 404, not 401, where dev
 * sign-in is off (its controller exists only when it is on).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenSecurity bearer) throws Exception {
        return bearer.apply(http)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.GET, "/like/count/**", "/like/stream", "/posts/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/config.json", "/app/**", "/favicon.svg")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/dev/token")
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
