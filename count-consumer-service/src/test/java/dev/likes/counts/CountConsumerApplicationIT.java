package dev.likes.counts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

@LikesIntegrationTest
class CountConsumerApplicationIT {

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
        assertThat(info.getBody()).contains("\"artifact\":\"count-consumer-service\"");
    }

    @Test
    void aFrameworkMethodNotAllowedIsAProblemWithAStableTypeAndTheTraceId() {
        var answer = http.withBasicAuth("operator", "test-operator-password")
                .exchange("/ops/dlq/replay", HttpMethod.GET, null, java.util.Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(405);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-405");
        assertThat((String) answer.getBody().get("traceId")).matches("[0-9a-f]{32}");
    }
}
