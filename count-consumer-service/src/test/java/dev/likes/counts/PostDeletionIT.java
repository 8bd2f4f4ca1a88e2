package dev.likes.counts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.counts.cache.CountCache;
import dev.likes.events.LikeEventType;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** POST_DELETED on likes.post-events, as the like API's outbox publishes it, on the real broker, database and Redis. */
@LikesIntegrationTest
class PostDeletionIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void aDeletedPostsCountLeavesTheCacheAndLateLikesAreCountedButNotCached() throws Exception {
        String postId = CountFixtures.newPostId("deleted");
        CountFixtures.publish(List.of(
                CountFixtures.event(LikeEventType.LIKED, postId, "alice"),
                CountFixtures.event(LikeEventType.LIKED, postId, "bob")));
        await().atMost(ASYNC).until(() -> "2".equals(cached(postId)));

        kafka.send(
                        Topics.POST_EVENTS,
                        postId,
                        PostEventJson.toBytes(PostEvent.deleted(postId, "owner-" + postId, Instant.now())))
                .get();

        await().atMost(ASYNC).until(() -> cached(postId) == null);
        // A like accepted just before the deletion, counted after it: the count stays coherent, and uncached.
        CountFixtures.publish(List.of(CountFixtures.event(LikeEventType.LIKED, postId, "carol")));
        await().atMost(ASYNC).until(() -> Long.valueOf(3).equals(CountFixtures.countOf(postId)));
        assertThat(cached(postId)).isNull();
    }

    @Test
    void anUnreadablePostEventIsParkedNotRetriedForever() throws Exception {
        String postId = CountFixtures.newPostId("poison");
        String poison = "{\"type\":\"POST_DELETED\",\"postId\":\"" + postId + "!\"}";
        kafka.send(Topics.POST_EVENTS, postId, poison.getBytes(StandardCharsets.UTF_8))
                .get();
        kafka.send(Topics.POST_EVENTS, postId, "{\"type\":\"POST_MOVED\"}".getBytes(StandardCharsets.UTF_8))
                .get();
        kafka.send(
                        Topics.POST_EVENTS,
                        postId,
                        PostEventJson.toBytes(PostEvent.deleted(postId, "owner-" + postId, Instant.now())))
                .get();

        await().atMost(ASYNC).until(() -> redis.hasKey("post:" + postId + ":deleted"));
        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.POST_EVENTS))) {
            var parked = await().atMost(ASYNC)
                    .until(() -> dlq.poll(r -> postId.equals(r.key())), records -> !records.isEmpty());
            assertThat(parked)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly(poison);
        }
    }

    private String cached(String postId) {
        return redis.opsForValue().get(CountCache.key(postId));
    }
}
