package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.testsupport.LikesInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The freshness gauge on the real broker and database: a batch the listener cannot finish (its dedupe row is locked by
 * another transaction) shows a growing age; once it is stored the age is 0 again.
 */
class FreshnessIT extends NotificationIntegrationSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    private double oldestAge() {
        return meters.get("likes.pipeline.oldest.age")
                .tag("hop", "notifications")
                .gauge()
                .value();
    }

    @Test
    void theOldestAgeGrowsWhileABatchIsBlockedAndIsZeroOnceItIsStored() throws Exception {
        String owner = randomId("owner");
        String post = randomId("post");
        LikeEvent like = like(post, owner, "alice");
        try (Connection blocker = LikesInfrastructure.get().openConnection()) {
            blocker.setAutoCommit(false);
            // The listener's claim of this like's action key waits for this transaction: its batch stays in hand.
            try (PreparedStatement s = blocker.prepareStatement(
                    """
                    INSERT INTO notifications.notification_actions
                        (post_id, actor_id, recipient_id, acted_at, changed_at)
                    VALUES (?, ?, ?, now(), now())
                    """)) {
                s.setString(1, like.postId());
                s.setString(2, like.userId());
                s.setString(3, like.postOwnerId());
                s.executeUpdate();
            }
            publish(Topics.NOTIFY_OWNER, like);

            await().atMost(PATIENCE).until(() -> oldestAge() >= 2.0);
            assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class))
                    .containsPattern("likes_pipeline_oldest_age_seconds\\{[^}]*hop=\"notifications\"[^}]*} [1-9]");
            blocker.rollback();
        }

        await().atMost(PATIENCE).until(() -> oldestAge() == 0.0);
        assertThat(jdbc.sql("SELECT actor_count FROM notifications WHERE recipient_id = :owner AND post_id = :post")
                        .param("owner", owner)
                        .param("post", post)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
