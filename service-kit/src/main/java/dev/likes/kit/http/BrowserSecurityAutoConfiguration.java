package dev.likes.kit.http;

import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import dev.likes.kit.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Security headers and CORS for every servlet service, as servlet filters ahead of Spring Security's chain: the
 * services without a security chain (orchestrator, feed) get them too, and a CORS preflight is answered before any
 * authentication could refuse it.
 */
@AutoConfiguration(after = ProblemDetailsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(CorsFilter.class)
@EnableConfigurationProperties({SecurityHeadersProperties.class, CorsProperties.class})
public class BrowserSecurityAutoConfiguration {

    /** Before everything, tracing included: nothing may answer without the headers. */
    static final int SECURITY_HEADERS_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /** Right after the headers, well before Spring Security's chain (order -100). */
    static final int CORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    /** What a cross-origin page may read besides the simple headers: the rate-limit answer. */
    static final List<String> EXPOSED_HEADERS =
            List.of(HttpHeaders.RETRY_AFTER, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    @Bean
    @ConditionalOnMissingBean(name = "securityHeadersFilter")
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(SecurityHeadersProperties properties) {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(properties));
        registration.setOrder(SECURITY_HEADERS_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean(name = "corsFilter")
    FilterRegistrationBean<CorsFilter> corsFilter(
            CorsProperties properties, ObjectProvider<ProblemResponses> problems) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            var cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.allowedOrigins().stream()
                    .map(String::trim)
                    .filter(origin -> !origin.isEmpty())
                    .toList());
            cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
            cors.setExposedHeaders(EXPOSED_HEADERS);
            // Bearer tokens, never cookies: a cross-origin call needs no credentials mode.
            cors.setAllowCredentials(false);
            cors.setMaxAge(properties.maxAge());
            source.registerCorsConfiguration("/**", cors);
        }
        var filter = new CorsFilter(source);
        problems.ifAvailable(writer -> filter.setCorsProcessor(new ProblemCorsProcessor(writer)));
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(CORS_ORDER);
        return registration;
    }
}
