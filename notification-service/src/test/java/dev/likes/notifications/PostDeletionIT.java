package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEventJson;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.Topics;
import dev.likes.notifications.push.FcmStandIn;
import dev.likes.testsupport.KafkaTestConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** POST_DELETED on likes.post-events, as the like API's outbox publishes it, on the real broker and database. */
class PostDeletionIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Test
    void aDeletedPostLosesItsUnreadNotificationsAndALateLikeOfItNotifiesNobody() {
        String owner = randomId("owner");
        String post = randomId("post");
        String otherPost = randomId("post");
        publish(Topics.NOTIFY_OWNER, like(post, owner, "alice"));
        publish(Topics.NOTIFY_OWNER, like(otherPost, owner, "alice"));
        await().atMost(ASYNC).until(() -> unread(owner, post) == 1 && unread(owner, otherPost) == 1);

        publishDeletion(post, owner);

        await().atMost(ASYNC).until(() -> unread(owner, post) == 0);
        assertThat(unread(owner, otherPost)).isEqualTo(1);
        // A like accepted just before the deletion, arriving after it; a sentinel behind it on the same partition.
        publish(Topics.NOTIFY_OWNER, like(post, owner, "bob"));
        String sentinel = randomId("post");
        publishRaw(Topics.NOTIFY_OWNER, post, LikeEventJson.toBytes(like(sentinel, owner, "carol")));
        await().atMost(ASYNC).until(() -> unread(owner, sentinel) == 1);
        assertThat(unread(owner, post)).isZero();
        var page = http.exchange("/notifications", HttpMethod.GET, as(owner), Map.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).containsEntry("unreadCount", 2);
    }

    @Test
    void aLikeOfADeletedPostPushesNothing() {
        String owner = randomId("owner");
        String post = randomId("post");
        var registered = http.postForEntity("/devices", as(owner, Map.of("token", randomId("device"))), Void.class);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        publishDeletion(post, owner);
        await().atMost(ASYNC).until(() -> deleted(post));

        publish(Topics.PUSH, like(post, owner, "alice"));
        String sentinel = randomId("post");
        publishRaw(Topics.PUSH, post, LikeEventJson.toBytes(like(sentinel, owner, "bob")));

        await().atMost(ASYNC).until(() -> !sendsFor(sentinel).isEmpty());
        assertThat(sendsFor(post)).isEmpty();
    }

    @Test
    void anUnreadablePostEventIsParkedAndTheDeletionsAfterItStillApply() {
        String owner = randomId("owner");
        String post = randomId("post");
        publish(Topics.NOTIFY_OWNER, like(post, owner, "alice"));
        await().atMost(ASYNC).until(() -> unread(owner, post) == 1);

        publishRaw(
                Topics.POST_EVENTS,
                post,
                "{\"type\":\"POST_DELETED\",\"postId\":\"no spaces allowed\"}".getBytes(StandardCharsets.UTF_8));
        publishRaw(
                Topics.POST_EVENTS,
                post,
                "{\"type\":\"POST_RESTORED\",\"postId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        publishDeletion(post, owner);

        await().atMost(ASYNC).until(() -> unread(owner, post) == 0);
        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.POST_EVENTS))) {
            var parked = await().atMost(ASYNC)
                    .until(
                            () -> dlq.poll(r -> post.equals(r.key())
                                    && new String(r.value(), StandardCharsets.UTF_8).contains("no spaces")),
                            records -> !records.isEmpty());
            assertThat(parked).hasSize(1);
        }
    }

    private static List<FcmStandIn.Send> sendsFor(String postId) {
        return FCM.sends().stream()
                .filter(send ->
                        postId.equals(send.message().path("data").path("postId").asText()))
                .toList();
    }

    private static void publishDeletion(String postId, String ownerId) {
        publishRaw(
                Topics.POST_EVENTS, postId, PostEventJson.toBytes(PostEvent.deleted(postId, ownerId, Instant.now())));
    }

    private long unread(String recipientId, String postId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE recipient_id = ? AND post_id = ? AND read_at IS NULL")
                .params(recipientId, postId)
                .query(Long.class)
                .single();
    }

    private boolean deleted(String postId) {
        return jdbc.sql("SELECT count(*) FROM deleted_posts WHERE post_id = ?")
                        .param(postId)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
