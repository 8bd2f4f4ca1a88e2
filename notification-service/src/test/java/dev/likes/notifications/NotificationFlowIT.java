package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** Owner notifications from likes.notify-owner, on the real broker and database. */
class NotificationFlowIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    record Row(long id, String actorId, int actorCount, boolean read) {}

    private List<Row> rowsOf(String recipientId, String postId) {
        return jdbc.sql(
                        """
                        SELECT id, actor_id, actor_count, read_at IS NOT NULL AS read FROM notifications
                        WHERE recipient_id = :recipientId AND post_id = :postId ORDER BY id
                        """)
                .param("recipientId", recipientId)
                .param("postId", postId)
                .query((rs, n) -> new Row(
                        rs.getLong("id"), rs.getString("actor_id"), rs.getInt("actor_count"), rs.getBoolean("read")))
                .list();
    }

    @Test
    void oneLikeGivesOneNotificationEvenWhenDeliveredTwiceAndAfterTheConsumerRestarts() {
        String owner = randomId("owner");
        String post = randomId("post");
        LikeEvent liked = like(post, owner, "alice");

        publish(Topics.NOTIFY_OWNER, liked);
        publish(Topics.NOTIFY_OWNER, liked);
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(rowsOf(owner, post)).hasSize(1));

        var container = listeners.getListenerContainer("notifications");
        container.stop();
        await().atMost(ASYNC).until(() -> !container.isRunning());
        RecordMetadata last;
        try {
            publish(Topics.NOTIFY_OWNER, liked); // the same record again
            LikeEvent sameLikeAnotherEvent = like(post, owner, "alice"); // the same like under a new eventId
            last = publish(Topics.NOTIFY_OWNER, sameLikeAnotherEvent);
        } finally {
            container.start();
        }

        // The second event sits behind the redelivered one on the post's partition: once it is processed, so is all.
        awaitConsumed(NOTIFICATIONS_GROUP, last);
        assertThat(rowsOf(owner, post))
                .singleElement()
                .satisfies(row -> assertThat(row.actorCount()).isEqualTo(1))
                .satisfies(row -> assertThat(row.actorId()).isEqualTo("alice"));
    }

    @Test
    void hundredsOfLikersOnOnePostGiveOneGroupedNotification() {
        String owner = randomId("owner");
        String post = randomId("viral");
        int likers = 300;
        for (int i = 0; i < likers; i++) {
            publish(Topics.NOTIFY_OWNER, like(post, owner, "fan-" + i));
        }

        await().atMost(ASYNC).untilAsserted(() -> assertThat(rowsOf(owner, post))
                .singleElement()
                .satisfies(row -> assertThat(row.actorCount()).isEqualTo(likers)));
        assertThat(rowsOf(owner, post).get(0).actorId()).isEqualTo("fan-" + (likers - 1));
        var page = http.exchange("/notifications", org.springframework.http.HttpMethod.GET, as(owner), String.class);
        assertThat(page.getBody()).contains("fan-299 and 299 others liked your post " + post);
    }

    @Test
    void anUnlikeRetractsThatActorFromTheUnreadEntryAndTheLastOneDeletesIt() {
        String owner = randomId("owner");
        String post = randomId("post");
        publish(Topics.NOTIFY_OWNER, like(post, owner, "alice"));
        publish(Topics.NOTIFY_OWNER, like(post, owner, "bob"));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(rowsOf(owner, post))
                .singleElement()
                .satisfies(row -> assertThat(row.actorCount()).isEqualTo(2)));

        publish(Topics.NOTIFY_OWNER, unlike(post, owner, "bob"));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(rowsOf(owner, post))
                .singleElement()
                .satisfies(row -> assertThat(row.actorCount()).isEqualTo(1))
                .satisfies(row -> assertThat(row.actorId()).isEqualTo("alice")));

        publish(Topics.NOTIFY_OWNER, unlike(post, owner, "alice"));
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(rowsOf(owner, post)).isEmpty());
    }

    @Test
    void anActorWhoseEntryWasDeletedCountsAgainInANewEntryAndIsTakenBackFromIt() {
        String owner = randomId("owner");
        String post = randomId("post");
        publish(Topics.NOTIFY_OWNER, like(post, owner, "alice"));
        awaitConsumed(NOTIFICATIONS_GROUP, publish(Topics.NOTIFY_OWNER, unlike(post, owner, "alice")));
        assertThat(rowsOf(owner, post)).isEmpty();

        // Her action still names the deleted entry; the like links it to the new one.
        awaitConsumed(NOTIFICATIONS_GROUP, publish(Topics.NOTIFY_OWNER, like(post, owner, "alice")));
        long second = rowsOf(owner, post).get(0).id();
        awaitConsumed(NOTIFICATIONS_GROUP, publish(Topics.NOTIFY_OWNER, like(post, owner, "bob")));
        awaitConsumed(NOTIFICATIONS_GROUP, publish(Topics.NOTIFY_OWNER, unlike(post, owner, "alice")));

        assertThat(rowsOf(owner, post))
                .extracting(Row::id, Row::actorId, Row::actorCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second, "bob", 1));
    }

    @Test
    void aLikeAfterTheOwnerReadTheEntryStartsANewOne() {
        String owner = randomId("owner");
        String post = randomId("post");
        publish(Topics.NOTIFY_OWNER, like(post, owner, "alice"));
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(rowsOf(owner, post)).hasSize(1));
        long first = rowsOf(owner, post).get(0).id();
        http.postForEntity("/notifications/" + first + "/read", as(owner), Void.class);

        publish(Topics.NOTIFY_OWNER, like(post, owner, "bob"));
        var aliceUnlikes = publish(Topics.NOTIFY_OWNER, unlike(post, owner, "alice")); // already seen: stays

        awaitConsumed(NOTIFICATIONS_GROUP, aliceUnlikes);
        await().atMost(ASYNC).untilAsserted(() -> assertThat(rowsOf(owner, post))
                .extracting(Row::actorId, Row::actorCount, Row::read)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", 1, true),
                        org.assertj.core.groups.Tuple.tuple("bob", 1, false)));
    }

    @Test
    void aPoisonRecordGoesToTheDlqAndTheEventsBehindItAreStored() {
        String owner = randomId("owner");
        String post = randomId("post");
        byte[] garbage = ("not json " + post).getBytes(StandardCharsets.UTF_8);
        LikeEvent behind = like(post, owner, "dave");

        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.NOTIFY_OWNER))) {
            publishRaw(Topics.NOTIFY_OWNER, post, garbage);
            var sent = publish(Topics.NOTIFY_OWNER, behind);

            awaitConsumed(NOTIFICATIONS_GROUP, sent);
            assertThat(rowsOf(owner, post)).singleElement().satisfies(row -> assertThat(row.actorId())
                    .isEqualTo("dave"));
            await().atMost(ASYNC).untilAsserted(() -> assertThat(dlq.poll(record -> post.equals(record.key())))
                    .singleElement()
                    .satisfies(record -> assertThat(record.value()).isEqualTo(garbage)));
        }
    }

    @Test
    void aSelfLikeThatSlipsThroughNotifiesNobody() {
        String owner = randomId("owner");
        String post = randomId("post");
        LikeEvent selfLike = like(post, owner, owner);
        LikeEvent other = like(post, owner, "carol");
        publish(Topics.NOTIFY_OWNER, selfLike);
        var sent = publish(Topics.NOTIFY_OWNER, other);

        awaitConsumed(NOTIFICATIONS_GROUP, sent);
        assertThat(rowsOf(owner, post))
                .singleElement()
                .satisfies(row -> assertThat(row.actorId()).isEqualTo("carol"))
                .satisfies(row -> assertThat(row.actorCount()).isEqualTo(1));
    }
}
