package dev.likes.kit.http;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contentSecurityPolicy the policy of every answer: a JSON API loads nothing and may not be framed
 * @param docsContentSecurityPolicy the policy of the API documentation pages, which run their own scripts, styles and
 *     inline SVG images from this origin
 * @param docsPaths the paths (Ant patterns) that get {@code docsContentSecurityPolicy}
 * @param pageContentSecurityPolicy the policy of a service's own web pages: scripts, styles and calls from this origin
 *     only, unless the service names the other origins its page calls
 * @param pagePaths the paths (Ant patterns) of the service's web pages, which get {@code pageContentSecurityPolicy};
 *     none by default
 */
@ConfigurationProperties("likes.security-headers")
public record SecurityHeadersProperties(
        @DefaultValue("default-src 'none'; frame-ancestors 'none'") String contentSecurityPolicy,
        @DefaultValue(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                String docsContentSecurityPolicy,
        @DefaultValue({"/swagger-ui.html", "/swagger-ui/**"}) List<String> docsPaths,
        @DefaultValue(
                        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
                String pageContentSecurityPolicy,
        @DefaultValue({}) List<String> pagePaths) {}
