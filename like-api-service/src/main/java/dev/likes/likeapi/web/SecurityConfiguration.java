package dev.likes.likeapi.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who a request acts for is the {@code sub} of its HS256 bearer token, nothing else. Reads of counts and posts are
 * public; every write needs a token. Failures answer as problem+json like every other error.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, Traces traces, Rejections rejections)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> writeProblem(
                response,
                json,
                HttpStatus.UNAUTHORIZED,
                "urn:likes:problem:unauthorized",
                "Unauthorized",
                "A valid bearer token is required",
                traces,
                rejections);
        return http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, "/like/count/**", "/posts/**")
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, e) -> writeProblem(
                                response,
                                json,
                                HttpStatus.FORBIDDEN,
                                "urn:likes:problem:forbidden",
                                "Forbidden",
                                "Not allowed",
                                traces,
                                rejections)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        var key = new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    private static void writeProblem(
            HttpServletResponse response,
            ObjectMapper json,
            HttpStatus status,
            String type,
            String title,
            String detail,
            Traces traces,
            Rejections rejections)
            throws IOException {
        rejections.count(type.substring(type.lastIndexOf(':') + 1));
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        traces.currentTraceId().ifPresent(id -> problem.setProperty("traceId", id));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
