package dev.likes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

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

    @Test
    void infoShowsTheBuild() {
        var info = http.getForEntity("/actuator/info", String.class);

        assertThat(info.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(info.getBody()).contains("\"artifact\":\"side-effects-orchestrator\"");
    }

    @Test
    void aFrameworkMethodNotAllowedIsAProblemWithAStableTypeAndTheTraceId() {
        var answer = http.exchange("/actuator/health", HttpMethod.DELETE, null, java.util.Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(405);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-405");
        assertThat((String) answer.getBody().get("traceId")).matches("[0-9a-f]{32}");
    }
}
