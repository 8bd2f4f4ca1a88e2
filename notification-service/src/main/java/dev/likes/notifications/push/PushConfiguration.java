package dev.likes.notifications.push;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.internal.ApacheHttp2Transport;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the push sender at start: FCM when a service account is configured, otherwise a disabled sender and one
 * warning. A configured but unreadable service account fails the start instead: that is a broken deployment, not a
 * choice.
 */
@Configuration
class PushConfiguration {

    static final String FCM = "fcm";
    private static final Logger log = LoggerFactory.getLogger(PushConfiguration.class);

    @Bean
    PushSender pushSender(
            PushProperties properties,
            RetryRegistry retries,
            CircuitBreakerRegistry breakers,
            RateLimiterRegistry rateLimiters) {
        if (!properties.credentialsConfigured()) {
            log.atWarn()
                    .log("Push is off: no Firebase credentials (set FIREBASE_SERVICE_ACCOUNT_PATH or"
                            + " GOOGLE_APPLICATION_CREDENTIALS); notifications and devices keep working");
            return new DisabledPushSender();
        }
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(Path.of(properties.serviceAccountPath()))) {
            credentials = GoogleCredentials.fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the Firebase service account " + properties.serviceAccountPath(), e);
        }
        var options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setHttpTransport(transport(properties.fcmUrl()))
                .setConnectTimeout(5_000)
                .setReadTimeout(10_000)
                .build();
        // A unique name: several contexts (tests) may live in one JVM, and FirebaseApp names are JVM-global.
        var app = FirebaseApp.initializeApp(options, "notification-service-" + UUID.randomUUID());
        log.atInfo()
                .addKeyValue("projectId", options.getProjectId())
                .addKeyValue("fcmUrl", properties.fcmUrl() == null ? "default" : properties.fcmUrl())
                .log("Push is on: FCM");
        return new FcmPushSender(app, retries.retry(FCM), breakers.circuitBreaker(FCM), rateLimiters.rateLimiter(FCM));
    }

    /**
     * The SDK's own HTTP/2 transport; with {@code fcmUrl} set, its connections go to that host instead of Google's
     * (the request itself is unchanged), so a stand-in sees exactly what FCM would.
     */
    private static HttpTransport transport(URI fcmUrl) {
        if (fcmUrl == null) {
            return new ApacheHttp2Transport();
        }
        var host = new HttpHost(fcmUrl.getScheme(), fcmUrl.getHost(), fcmUrl.getPort());
        var client = ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setRoutePlanner((target, context) -> new HttpRoute(host))
                .build();
        return new ApacheHttp2Transport(client);
    }

    @Bean
    RetryConfigCustomizer fcmRetryOnTransientErrors() {
        return RetryConfigCustomizer.of(
                FCM, retry -> retry.retryOnException((Predicate<Throwable>) FcmErrors::isTransient));
    }

    @Bean
    CircuitBreakerConfigCustomizer fcmBreakerCountsTransientErrors() {
        return CircuitBreakerConfigCustomizer.of(FCM, breaker -> breaker.recordException(FcmErrors::isTransient));
    }
}
