package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The set-wise recorder must end where applying the events one by one in order ends, also when one poll holds a like
 * and its unlike, a like again after the unlike, and a redelivery: the events are published while the listener is
 * stopped, so each post's sequence arrives in one batch.
 */
class NotificationBatchIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    record Entry(String actorId, int actorCount) {}

    private List<Entry> entriesOf(String recipientId, String postId) {
        return jdbc.sql(
                        """
                        SELECT actor_id, actor_count FROM notifications
                        WHERE recipient_id = :recipientId AND post_id = :postId AND read_at IS NULL ORDER BY id
                        """)
                .param("recipientId", recipientId)
                .param("postId", postId)
                .query((rs, n) -> new Entry(rs.getString("actor_id"), rs.getInt("actor_count")))
                .list();
    }

    @Test
    void aBatchWithLikesUnlikesAndLikesAgainEndsAsOneByOneWould() {
        String owner = randomId("owner");
        String busy = randomId("post");
        String undone = randomId("post");
        String emptied = randomId("post");
        LikeEvent likedByC = like(busy, owner, "carol");
        List<LikeEvent> events = List.of(
                like(busy, owner, "alice"),
                like(busy, owner, "bob"),
                unlike(busy, owner, "alice"),
                likedByC,
                unlike(busy, owner, "bob"),
                // Alice again: her retracted action may count again.
                like(busy, owner, "alice"),
                like(undone, owner, "xavier"),
                unlike(undone, owner, "xavier"),
                like(emptied, owner, "yann"),
                like(emptied, owner, "zoe"),
                unlike(emptied, owner, "yann"),
                unlike(emptied, owner, "zoe"),
                // The entry is gone: this like opens a new one.
                like(emptied, owner, "walter"));
        var container = listeners.getListenerContainer("notifications");
        container.stop();
        await().atMost(ASYNC).until(() -> !container.isRunning());
        List<RecordMetadata> sent = new ArrayList<>();
        try {
            events.forEach(event -> sent.add(publish(Topics.NOTIFY_OWNER, event)));
            // The same record again, in the same poll.
            sent.add(publish(Topics.NOTIFY_OWNER, likedByC));
        } finally {
            container.start();
        }

        sent.forEach(record -> awaitConsumed(NOTIFICATIONS_GROUP, record));
        assertThat(entriesOf(owner, busy)).containsExactly(new Entry("alice", 2));
        assertThat(entriesOf(owner, undone)).isEmpty();
        assertThat(entriesOf(owner, emptied)).containsExactly(new Entry("walter", 1));
        assertThat(jdbc.sql(
                                """
                        SELECT actor_id FROM notification_actions
                        WHERE post_id = :postId AND NOT retracted AND notification_id IS NOT NULL ORDER BY actor_id
                        """)
                        .param("postId", busy)
                        .query(String.class)
                        .list())
                .containsExactly("alice", "carol");
    }
}
