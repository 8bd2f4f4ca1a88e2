package dev.likes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;

@LikesIntegrationTest
@AutoConfigureObservability // as FanOutIT, so both share one application context
class OrchestratorApplicationIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void startsAndReportsHealthy() {
        var health = http.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }
}
