package dev.likes.orchestrator.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The freshness gauge on the real broker: a batch whose fan-out sends are held (as by a broker that does not answer)
 * shows a growing age; once they are acknowledged the age is 0 again, and the fan-out records carry the like's time.
 */
@LikesIntegrationTest
@AutoConfigureObservability // as FanOutIT, so all share one application context
class FreshnessIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    private double oldestAge() {
        return meters.get("likes.pipeline.oldest.age")
                .tag("hop", "fanout")
                .gauge()
                .value();
    }

    @Test
    void theOldestAgeGrowsWhileSendsAreHeldAndIsZeroOnceTheyAreAcknowledged() throws Exception {
        String postId = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        Instant likedAt = Instant.now().minusSeconds(30);
        LikeEvent like = LikeEvent.of(LikeEventType.LIKED, postId, "owner", "alice", likedAt, null);
        try (var feedBoost = KafkaTestConsumer.of(Topics.FEED_BOOST)) {
            HeldSends.hold();
            try {
                publish(like);
                await().atMost(PATIENCE).until(() -> oldestAge() >= 2.0);
                assertThat(http.getForObject(
                                "http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class))
                        .containsPattern("likes_pipeline_oldest_age_seconds\\{[^}]*hop=\"fanout\"[^}]*} [1-9]");
            } finally {
                HeldSends.release();
            }

            await().atMost(PATIENCE).until(() -> oldestAge() == 0.0);
            var boosts = await().atMost(PATIENCE)
                    .until(() -> feedBoost.poll(r -> postId.equals(r.key())), list -> !list.isEmpty());
            assertThat(boosts.get(0).timestamp()).isEqualTo(likedAt.toEpochMilli());
        }
    }

    private static void publish(LikeEvent event) throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LikesInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<>(Topics.LIKE_EVENTS, event.postId(), LikeEventJson.toBytes(event));
            record.headers().add("eventId", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
