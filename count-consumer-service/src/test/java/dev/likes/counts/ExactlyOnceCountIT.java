package dev.likes.counts;

import static dev.likes.counts.CountFixtures.countOf;
import static dev.likes.counts.CountFixtures.counter;
import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

@LikesIntegrationTest
class ExactlyOnceCountIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void manyEventsAcrossFewPostsWithDuplicatesCountTheNetLikes() {
        var random = new Random(42);
        List<String> posts = List.of(newPostId("few"), newPostId("few"), newPostId("few"), newPostId("few"));
        List<LikeEvent> events = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (String post : posts) {
            for (int u = 0; u < 40; u++) {
                // A user's changes alternate like/unlike, as the like API only emits real changes.
                int changes = 1 + random.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    events.add(event(c % 2 == 0 ? LikeEventType.LIKED : LikeEventType.UNLIKED, post, "u" + u));
                }
                expected.merge(post, changes % 2 == 1 ? 1L : 0L, Long::sum);
            }
        }
        List<LikeEvent> duplicates =
                events.stream().filter(e -> random.nextInt(3) == 0).toList();
        List<LikeEvent> all = new ArrayList<>(events);
        all.addAll(duplicates);
        double duplicatesBefore = counter(meters, "likes.counts.events.duplicate");

        publish(all);

        await().atMost(ASYNC).untilAsserted(() -> {
            for (String post : posts) {
                assertThat(countOf(post)).as(post).isEqualTo(expected.get(post));
            }
        });
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(counter(meters, "likes.counts.events.duplicate") - duplicatesBefore)
                        .isGreaterThanOrEqualTo(duplicates.size()));
        for (String post : posts) {
            assertThat(countOf(post)).isEqualTo(expected.get(post));
        }
    }

    @Test
    void batchesRedeliveredAfterTheDatabaseCommitCountNothingTwice() throws Exception {
        String post = newPostId("redeliver");
        List<LikeEvent> events = new ArrayList<>();
        for (int u = 0; u < 25; u++) {
            events.add(event(LikeEventType.LIKED, post, "u" + u));
        }
        publish(events);
        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(25L));
        double duplicatesBefore = counter(meters, "likes.counts.events.duplicate");

        // The crash between the database commit and the offset commit, made certain: every offset of the group goes
        // back to the start of the topic, so every batch ever counted is delivered again.
        var container = listeners.getListenerContainer("count-consumer");
        container.stop();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LikesInfrastructure.get().kafkaBootstrapServers()))) {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(Topics.LIKE_EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.LIKE_EVENTS)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(Topics.LIKE_EVENTS, p.partition()))
                    .toList();
            await().atMost(ASYNC).untilAsserted(() -> {
                admin.alterConsumerGroupOffsets(
                                "count-consumer",
                                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0))))
                        .all()
                        .get();
            });
            Map<TopicPartition, Long> end = admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
            container.start();

            await().atMost(ASYNC).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("count-consumer")
                        .partitionsToOffsetAndMetadata()
                        .get();
                for (TopicPartition tp : partitions) {
                    assertThat(committed.get(tp)).as(tp.toString()).isNotNull();
                    assertThat(committed.get(tp).offset()).as(tp.toString()).isGreaterThanOrEqualTo(end.get(tp));
                }
            });
        } finally {
            if (!container.isRunning()) {
                container.start();
            }
        }

        assertThat(counter(meters, "likes.counts.events.duplicate") - duplicatesBefore)
                .isGreaterThanOrEqualTo(25);
        assertThat(countOf(post)).isEqualTo(25L);
    }

    @Test
    void aHotPostsTenThousandLikesTakeFarFewerCountUpdatesThanEvents() {
        String post = newPostId("hot");
        List<LikeEvent> events = new ArrayList<>(10_000);
        for (int u = 0; u < 10_000; u++) {
            events.add(event(LikeEventType.LIKED, post, "fan" + u));
        }
        Collections.shuffle(events, new Random(7));
        double updatesBefore = counter(meters, "likes.counts.batch.updates");
        double appliedBefore = counter(meters, "likes.counts.events.applied", "type", "LIKED");

        // The burst is on the topic before the consumer polls, as when a celebrity post goes viral faster than one
        // batch: how many updates it takes then depends on the batching, not on how fast this test can publish.
        var container = listeners.getListenerContainer("count-consumer");
        container.stop();
        try {
            publish(events);
        } finally {
            container.start();
        }

        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(10_000L));
        double updates = counter(meters, "likes.counts.batch.updates") - updatesBefore;
        assertThat(counter(meters, "likes.counts.events.applied", "type", "LIKED") - appliedBefore)
                .isGreaterThanOrEqualTo(10_000);
        // One upsert per post per batch: with batches of up to 500 records, 10,000 likes need a few dozen updates.
        assertThat(updates).isPositive().isLessThan(1_000);
    }

    @Test
    void committedCountsAreCachedInRedisWithATimeToLive() {
        String post = newPostId("cached");
        publish(List.of(
                event(LikeEventType.LIKED, post, "a"),
                event(LikeEventType.LIKED, post, "b"),
                event(LikeEventType.LIKED, post, "c")));

        String key = "post:" + post + ":like_count";
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(redis.opsForValue().get(key)).isEqualTo("3"));
        Long ttl = redis.getExpire(key);
        assertThat(ttl).isBetween(1L, 300L);
        assertThat(countOf(post)).isEqualTo(3L);

        publish(List.of(event(LikeEventType.UNLIKED, post, "a")));
        await().atMost(ASYNC)
                .untilAsserted(() -> assertThat(redis.opsForValue().get(key)).isEqualTo("2"));
    }
}
