package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A publisher that retries can put one user's events on the topic out of order: the relay or the orchestrator sends
 * a like and its unlike, the like's send fails while the unlike's succeeds, and the like is sent again after it. The
 * topic then holds the unlike, the like, and the unlike again. Deduplication by eventId keeps the first copy of each,
 * so a consumer sees them in the wrong order. The notification must still end as the user left it: the later change
 * (by the time the like API committed it) wins, whatever the delivery order.
 *
 * <p>Each case runs twice: every record in a poll of its own, and all in one poll. A marker like by another user, last
 * on the same post, shows that the likes after such a sequence still count.
 */
class NotificationOrderIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @ParameterizedTest(name = "one poll: {0}")
    @ValueSource(booleans = {false, true})
    void anUnlikeThatOvertookItsLikeStillTakesItBack(boolean onePoll) {
        String owner = randomId("owner");
        String post = randomId("post");
        LikeEvent liked = like(post, owner, "alice");
        LikeEvent unliked = unlike(post, owner, "alice");

        deliver(onePoll, unliked, liked, unliked, like(post, owner, "marker"));

        assertThat(standingActors(post)).containsExactly("marker");
        assertThat(unreadActorCount(owner, post)).isEqualTo(1);
    }

    @ParameterizedTest(name = "one poll: {0}")
    @ValueSource(booleans = {false, true})
    void anUnlikeOvertakenByTheLikeAfterItDoesNotTakeThatLikeBack(boolean onePoll) {
        String owner = randomId("owner");
        String post = randomId("post");
        LikeEvent first = like(post, owner, "bob");
        LikeEvent unliked = unlike(post, owner, "bob");
        LikeEvent again = like(post, owner, "bob");

        deliver(onePoll, first, again, unliked, again, like(post, owner, "marker"));

        assertThat(standingActors(post)).containsExactly("bob", "marker");
        assertThat(unreadActorCount(owner, post)).isEqualTo(2);
    }

    /** Publishes the records in this order, and returns once the listener has consumed them all. */
    private void deliver(boolean onePoll, LikeEvent... records) {
        var container = listeners.getListenerContainer("notifications");
        if (onePoll) {
            container.stop();
            await().atMost(ASYNC).until(() -> !container.isRunning());
        }
        try {
            RecordMetadata last = null;
            for (LikeEvent record : records) {
                last = publish(Topics.NOTIFY_OWNER, record);
                if (!onePoll) {
                    awaitConsumed(NOTIFICATIONS_GROUP, last);
                }
            }
            if (onePoll) {
                container.start();
            }
            awaitConsumed(NOTIFICATIONS_GROUP, last);
        } finally {
            if (onePoll && !container.isRunning()) {
                container.start();
            }
        }
    }

    private List<String> standingActors(String postId) {
        return jdbc.sql(
                        "SELECT actor_id FROM notification_actions WHERE post_id = ? AND NOT retracted ORDER BY actor_id")
                .param(postId)
                .query(String.class)
                .list();
    }

    private int unreadActorCount(String recipientId, String postId) {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(actor_count), 0) FROM notifications
                        WHERE recipient_id = ? AND post_id = ? AND read_at IS NULL
                        """)
                .param(recipientId)
                .param(postId)
                .query(Integer.class)
                .single();
    }
}
