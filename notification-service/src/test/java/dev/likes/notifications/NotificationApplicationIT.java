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
