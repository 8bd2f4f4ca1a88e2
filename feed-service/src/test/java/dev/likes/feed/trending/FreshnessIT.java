package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The freshness gauge on the real broker and Redis: a batch that keeps failing (the trending key holds a string, so the
 * script fails) is redelivered and shows a growing age; once Redis takes it the boost is applied and the age is 0.
 */
@LikesIntegrationTest
class FreshnessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    FeedProperties properties;

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    private double oldestAge() {
        return meters.get("likes.pipeline.oldest.age")
                .tag("hop", "feed")
                .gauge()
                .value();
    }

    @Test
    void theOldestAgeGrowsWhileABatchFailsAndIsZeroOnceItIsApplied() throws Exception {
        String postId = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        String trending = properties.trendingKey();
        String held = trending + ":held-" + postId;
        boolean hadScores = Boolean.TRUE.equals(redis.hasKey(trending));
        if (hadScores) {
            redis.rename(trending, held);
        }
        try {
            redis.opsForValue().set(trending, "not a sorted set");
            publish(LikeEvent.of(LikeEventType.LIKED, postId, "owner", "alice", Instant.now(), null));

            await().atMost(PATIENCE).until(() -> oldestAge() >= 2.0);
            assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class))
                    .containsPattern("likes_pipeline_oldest_age_seconds\\{[^}]*hop=\"feed\"[^}]*} [1-9]");
        } finally {
            redis.delete(trending);
            if (hadScores) {
                redis.rename(held, trending);
            }
        }

        await().atMost(PATIENCE).until(() -> redis.opsForZSet().score(trending, postId) != null);
        await().atMost(PATIENCE).until(() -> oldestAge() == 0.0);
    }

    private static void publish(LikeEvent event) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LikesInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FEED_BOOST, event.postId(), LikeEventJson.toBytes(event)))
                    .get();
        }
    }
}
