package dev.likes.kit.http;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contentSecurityPolicy the policy of every answer: a JSON API loads nothing and may not be framed
 * @param docsContentSecurityPolicy the policy of the API documentation pages, which run their own scripts, styles and
 *     inline SVG images from this origin
 * @param docsPaths the paths (Ant patterns) that get {@code docsContentSecurityPolicy}
 */
@ConfigurationProperties("likes.security-headers")
public record SecurityHeadersProperties(
        @DefaultValue("default-src 'none'; frame-ancestors 'none'") String contentSecurityPolicy,
        @DefaultValue(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                String docsContentSecurityPolicy,
        @DefaultValue({"/swagger-ui.html", "/swagger-ui/**"}) List<String> docsPaths) {}
