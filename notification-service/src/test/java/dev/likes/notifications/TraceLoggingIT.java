package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;

/** One trace id finds a like in every service: each listener logs what it did inside the record's trace. */
@ExtendWith(OutputCaptureExtension.class)
class TraceLoggingIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Test
    void aStoredNotificationIsLoggedUnderTheTraceIdOfItsRecord(CapturedOutput output) {
        String traceId = randomHex(16);
        LikeEvent liked = like(randomId("post"), randomId("owner"), "alice");

        publish(Topics.NOTIFY_OWNER, liked, traceparent(traceId));

        await().atMost(ASYNC).untilAsserted(() -> assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains(traceId).contains("notification stored")));
    }

    @Test
    void aSentPushIsLoggedUnderTheTraceIdOfItsRecord(CapturedOutput output) {
        String traceId = randomHex(16);
        String owner = randomId("owner");
        var registered = http.postForEntity("/devices", as(owner, Map.of("token", randomId("device"))), Void.class);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        LikeEvent liked = like(randomId("post"), owner, "alice");

        publish(Topics.PUSH, liked, traceparent(traceId));

        await().atMost(ASYNC).untilAsserted(() -> assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains(traceId).contains("push sent")));
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
