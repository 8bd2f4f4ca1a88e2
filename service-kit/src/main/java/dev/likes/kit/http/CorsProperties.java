package dev.likes.kit.http;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedOrigins the origins whose pages may call this service ({@code LIKES_CORS_ALLOWED_ORIGINS},
 *     comma-separated, e.g. {@code https://app.example.com}); empty, the default, allows no cross-origin call
 * @param maxAge how long a browser may reuse a preflight answer
 */
@ConfigurationProperties("likes.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {}
