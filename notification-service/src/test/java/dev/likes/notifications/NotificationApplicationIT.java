package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class NotificationApplicationIT extends NotificationIntegrationSupport {

    @Test
    void startsAndReportsHealthy() {
        var health = http.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void exposesTheAgreedMetricsPublicly() {
        var prometheus = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody())
                .contains("likes_notifications_stored_total{")
                .contains("likes_push_sent_total{")
                .contains("likes_push_tokens_removed_total")
                .contains("resilience4j_circuitbreaker_state{");
    }
}
