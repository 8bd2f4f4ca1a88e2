package dev.likes.counts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

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
}
