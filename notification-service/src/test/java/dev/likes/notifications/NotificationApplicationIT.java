package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class NotificationApplicationIT extends NotificationIntegrationSupport {

    @Test
    void startsAndReportsHealthy() {
        var health = http.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void infoShowsTheBuild() {
        var info = http.getForEntity("/actuator/info", String.class);

        assertThat(info.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(info.getBody()).contains("\"artifact\":\"notification-service\"");
    }

    @Test
    void aFrameworkMethodNotAllowedIsAProblemWithAStableTypeAndTheTraceId() {
        var answer = http.exchange("/notifications", HttpMethod.PUT, as(randomId("user")), java.util.Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(405);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-405");
        assertThat((String) answer.getBody().get("traceId")).matches("[0-9a-f]{32}");
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
