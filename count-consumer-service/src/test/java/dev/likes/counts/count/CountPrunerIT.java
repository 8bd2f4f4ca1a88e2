package dev.likes.counts.count;

import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.execute;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static dev.likes.counts.CountFixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LikesIntegrationTest
class CountPrunerIT {

    @Autowired
    CountPruner pruner;

    @Test
    void successRowsPastTheirRetentionArePrunedAndFailedOnesKept() {
        String post = newPostId("prune");
        LikeEvent counted = event(LikeEventType.LIKED, post, "u1");
        LikeEvent fresh = event(LikeEventType.LIKED, post, "u2");
        publish(List.of(counted, fresh));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(statusOf(counted.eventId())).isEqualTo("SUCCESS");
            assertThat(statusOf(fresh.eventId())).isEqualTo("SUCCESS");
        });
        UUID failed = UUID.randomUUID();
        execute(
                """
                INSERT INTO counts.count_events (event_id, post_id, event_type, delta, status, retry_count, created_at)
                VALUES ('%s', '%s', 'LIKED', 1, 'FAILED', 5, now() - interval '30 days')
                """
                        .formatted(failed, post));
        execute("UPDATE counts.count_events SET created_at = now() - interval '8 days' WHERE event_id = '"
                + counted.eventId() + "'");

        int pruned = pruner.prune();

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(statusOf(counted.eventId())).isNull();
        assertThat(statusOf(fresh.eventId())).isEqualTo("SUCCESS");
        assertThat(statusOf(failed)).isEqualTo("FAILED");
    }
}
