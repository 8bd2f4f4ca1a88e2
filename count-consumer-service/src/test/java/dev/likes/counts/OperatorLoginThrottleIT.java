package dev.likes.counts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** Guessing the operator password from one address is cut off after a few failures, the right password included. */
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "likes.rate-limit.operator-login.capacity=3",
            "likes.rate-limit.operator-login.period=10m",
            // Fresh buckets for this context, whatever other runs left in Redis.
            "likes.rate-limit.key-prefix=rate-limit-test-${random.uuid}",
            // A second context of this module: its consumer must not take partitions from the other tests' one.
            "spring.kafka.listener.auto-startup=false"
        })
class OperatorLoginThrottleIT {

    @Autowired
    TestRestTemplate http;

    @Test
    @SuppressWarnings("rawtypes")
    void afterTheFailedLoginsAnAddressMayNotTryEvenTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(replay("guess-" + i).getStatusCode().value()).isEqualTo(401);
        }

        ResponseEntity<Map> overTheLimit = replay("guess-3");
        ResponseEntity<Map> rightPasswordTooLate = replay("test-operator-password");

        for (var refused : java.util.List.of(overTheLimit, rightPasswordTooLate)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(429);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody()).containsEntry("type", "urn:likes:problem:rate-limited");
            assertThat((String) refused.getBody().get("traceId")).matches("[0-9a-f]{32}");
            assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After")))
                    .isPositive();
            assertThat(refused.getHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        }
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> replay(String password) {
        return http.withBasicAuth("operator", password).postForEntity("/ops/dlq/replay", null, Map.class);
    }
}
