package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** A POST_DELETED on likes.post-events, as the like API's outbox publishes it, and what trending answers after it. */
@LikesIntegrationTest
class PostDeletionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FeedProperties properties;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void aDeletedPostLeavesTrendingAndALateLikeDoesNotBringItBack() throws Exception {
        String postId = "p-" + UUID.randomUUID();
        boost(postId);
        boost(postId);
        await().atMost(PATIENCE).until(() -> inTrending(postId));

        deleted(postId);

        await().atMost(PATIENCE).until(() -> !inTrending(postId));
        // A like accepted just before the deletion, arriving after it; the sentinel on the same key shows it was seen.
        boost(postId);
        String sentinel = "p-" + UUID.randomUUID();
        boost(sentinel, postId); // same key, same partition: applied after the late like
        await().atMost(PATIENCE).until(() -> inTrending(sentinel));
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> !inTrending(postId));
    }

    @Test
    void anUnknownPostEventTypeIsSkippedAndAPoisonOneIsParked() throws Exception {
        String postId = "p-" + UUID.randomUUID();
        boost(postId);
        await().atMost(PATIENCE).until(() -> inTrending(postId));

        send(postId, "{\"type\":\"POST_ARCHIVED\",\"postId\":\"" + postId + "\"}");
        send(postId, "{\"type\":\"POST_DELETED\"}");
        deleted(postId);

        await().atMost(PATIENCE).until(() -> !inTrending(postId));
        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.POST_EVENTS))) {
            var parked = await().atMost(PATIENCE)
                    .until(() -> dlq.poll(r -> postId.equals(r.key())), records -> !records.isEmpty());
            assertThat(parked).hasSize(1);
            assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"type\":\"POST_DELETED\"}");
        }
    }

    private void boost(String postId) throws Exception {
        boost(postId, postId);
    }

    private void boost(String postId, String key) throws Exception {
        LikeEvent like =
                LikeEvent.of(LikeEventType.LIKED, postId, "owner", "user-" + UUID.randomUUID(), Instant.now(), null);
        kafka.send(Topics.FEED_BOOST, key, LikeEventJson.toBytes(like)).get();
    }

    private void deleted(String postId) throws Exception {
        kafka.send(Topics.POST_EVENTS, postId, PostEventJson.toBytes(PostEvent.deleted(postId, "owner", Instant.now())))
                .get();
    }

    private void send(String key, String json) throws Exception {
        kafka.send(Topics.POST_EVENTS, key, json.getBytes(StandardCharsets.UTF_8))
                .get();
    }

    /** Read from the sorted set itself: the API's top 100 may be crowded by other tests' hotter posts. */
    private boolean inTrending(String postId) {
        return redis.opsForZSet().score(properties.trendingKey(), postId) != null;
    }
}
