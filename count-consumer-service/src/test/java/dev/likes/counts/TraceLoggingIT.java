package dev.likes.counts;

import static dev.likes.counts.CountFixtures.countOf;
import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publishTraced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** One trace id finds a like in every service: the count consumer logs each counted event in its record's trace. */
@LikesIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TraceLoggingIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Test
    void aCountedLikeIsLoggedUnderTheTraceIdOfItsRecord(CapturedOutput output) {
        String traceId = randomHex(16);
        String postId = newPostId("traced");
        LikeEvent liked = event(LikeEventType.LIKED, postId, "u-traced");

        publishTraced(liked, "00-" + traceId + "-" + randomHex(8) + "-01");

        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(postId)).isEqualTo(1L));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains(traceId).contains("like counted")));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
