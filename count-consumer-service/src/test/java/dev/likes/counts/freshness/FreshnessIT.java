package dev.likes.counts.freshness;

import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The freshness gauge on the real broker and database: a batch the consumer cannot finish (its dedupe row is locked by
 * another transaction) shows a growing age; once it is counted the age is 0 again.
 */
@LikesIntegrationTest
class FreshnessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    private double oldestAge() {
        return meters.get("likes.pipeline.oldest.age")
                .tag("hop", "counts")
                .gauge()
                .value();
    }

    @Test
    void theOldestAgeGrowsWhileABatchIsBlockedAndIsZeroOnceItIsCounted() throws Exception {
        String postId = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        LikeEvent like = event(LikeEventType.LIKED, postId, "alice");
        try (Connection blocker = LikesInfrastructure.get().openConnection()) {
            blocker.setAutoCommit(false);
            // The consumer's insert of this eventId waits for this transaction: its batch stays in hand.
            try (PreparedStatement s = blocker.prepareStatement(
                    "INSERT INTO counts.count_events (event_id, post_id, event_type, delta, status) VALUES (?, ?, 'LIKED', 1, 'PENDING')")) {
                s.setObject(1, like.eventId());
                s.setString(2, postId);
                s.executeUpdate();
            }
            publish(List.of(like));

            await().atMost(PATIENCE).until(() -> oldestAge() >= 2.0);
            assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class))
                    .containsPattern("likes_pipeline_oldest_age_seconds\\{[^}]*hop=\"counts\"[^}]*} [1-9]");
            blocker.rollback();
        }

        await().atMost(PATIENCE).until(() -> oldestAge() == 0.0);
        assertThat(jdbc.sql("SELECT like_count FROM post_counts WHERE post_id = :postId")
                        .param("postId", postId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }
}
