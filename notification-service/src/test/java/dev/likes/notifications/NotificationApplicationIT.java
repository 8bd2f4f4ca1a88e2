package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.ServiceBasics;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;

class NotificationApplicationIT extends NotificationIntegrationSupport implements ServiceBasics {

    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.put("/notifications")
                .headers(h -> h.setBearerAuth(JwtTokens.forUser(randomId("user"))))
                .build();
    }

    @Test
    void aUsersWritesAreRateLimitedInRedisAndSaySoInTheHeaders() {
        // Each try is a new user's first write; the limiter opens its Redis connection once the service is ready.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    var headers = new org.springframework.http.HttpHeaders();
                    headers.setBearerAuth(JwtTokens.forUser(randomId("user")));
                    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);

                    var registered = http.exchange(
                            "/devices",
                            org.springframework.http.HttpMethod.POST,
                            new org.springframework.http.HttpEntity<>(
                                    "{\"token\":\"" + randomId("device") + "\"}", headers),
                            String.class);

                    assertThat(registered.getStatusCode().value()).isEqualTo(204);
                    assertThat(registered.getHeaders().getFirst("RateLimit-Limit"))
                            .isEqualTo("600");
                    assertThat(registered.getHeaders().getFirst("RateLimit-Remaining"))
                            .isEqualTo("599");
                });
    }

    @Test
    void exposesTheAgreedMetricsOnTheManagementPort() {
        var prometheus =
                http.getForEntity(ServiceBasics.management(managementPort, "/actuator/prometheus"), String.class);

        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody())
                .contains("likes_notifications_stored_total{")
                .contains("likes_push_sent_total{")
                .contains("likes_push_tokens_removed_total")
                .contains("resilience4j_circuitbreaker_state{");
    }
}
