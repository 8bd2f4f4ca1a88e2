package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Boosts produced to likes.feed-boost by a plain producer, as the orchestrator does, and what {@code GET
 * /feed/trending} then answers. Records meant to be compared go to one partition, so a later "sentinel" record shows
 * that every record before it has been applied.
 */
@LikesIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FeedIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration HALF_LIFE = Duration.ofHours(6);

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    TestRestTemplate http;

    @BeforeAll
    static void startProducer() {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LikesInfrastructure.get().kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer(@Autowired StringRedisTemplate redis, @Autowired FeedProperties properties) {
        producer.close(Duration.ofSeconds(2));
        // The one key without a TTL; this JVM's prefix is its own (see src/test/resources/application.properties).
        redis.delete(properties.trendingKey());
    }

    @Test
    void trendingListsTheHottestPostsFirstWithDecayedScores() throws Exception {
        String three = newPostId();
        String two = newPostId();
        String oneAndAHalf = newPostId();
        Instant now = Instant.now();
        List<LikeEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(like(three, now));
        }
        events.add(like(oneAndAHalf, now.minus(HALF_LIFE)));
        events.add(like(oneAndAHalf, now));
        events.add(like(two, now));
        events.add(like(two, now));
        for (LikeEvent event : events) {
            send(event, null);
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ours(trending(100), three, two, oneAndAHalf))
                .extracting(TrendingPost::postId)
                .containsExactly(three, two, oneAndAHalf));
        List<TrendingPost> ours = ours(trending(100), three, two, oneAndAHalf);
        assertThat(ours.get(0).score()).isCloseTo(3.0, within(0.05));
        assertThat(ours.get(1).score()).isCloseTo(2.0, within(0.05));
        assertThat(ours.get(2).score()).isCloseTo(1.5, within(0.05));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() throws Exception {
        String postId = newPostId();
        var like = like(postId, Instant.now());

        send(like, 0);
        send(like, 0);
        awaitSentinelOnPartition0();

        assertThat(scoreOf(postId))
                .hasValueSatisfying(score -> assertThat(score).isCloseTo(1.0, within(0.05)));
    }

    @Test
    void anUnlikeLowersTheScore() throws Exception {
        String postId = newPostId();
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            send(like(postId, now), 0);
        }
        send(LikeEvent.of(LikeEventType.UNLIKED, postId, "owner", "user-0", now, null), 0);
        awaitSentinelOnPartition0();

        assertThat(scoreOf(postId))
                .hasValueSatisfying(score -> assertThat(score).isCloseTo(2.0, within(0.05)));
    }

    @Test
    void aPoisonRecordIsParkedOnTheDlqAndTheRecordsAfterItFlow() throws Exception {
        String poisonKey = newPostId();
        byte[] garbage = "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8);

        producer.send(new ProducerRecord<>(Topics.FEED_BOOST, 0, poisonKey, garbage))
                .get();
        awaitSentinelOnPartition0();

        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.FEED_BOOST))) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(dlq.poll(r -> poisonKey.equals(r.key())))
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(garbage)));
        }
    }

    @Test
    void anAppliedBoostIsLoggedUnderTheTraceIdOfItsRecord(CapturedOutput output) throws Exception {
        String traceId = randomHex(16);
        var event = like(newPostId(), Instant.now());
        var record = new ProducerRecord<>(Topics.FEED_BOOST, event.postId(), LikeEventJson.toBytes(event));
        record.headers()
                .add(EventHeaders.EVENT_ID, bytes(event.eventId().toString()))
                .add("traceparent", bytes("00-" + traceId + "-" + randomHex(8) + "-01"));

        producer.send(record).get();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains(traceId).contains("feed boost applied")));
    }

    @Test
    void aLimitOutsideOneToAHundredIsAProblem() {
        for (String limit : List.of("0", "101", "-1", "many")) {
            var answer = http.getForEntity("/feed/trending?limit=" + limit, JsonNode.class);

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:likes:problem:http-400");
            assertThat(answer.getBody().get("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        var answer = http.getForEntity("/feed/nothing-here", JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:likes:problem:http-404");
    }

    @Test
    void theDefaultLimitIsTwenty() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 21; i++) {
            send(like(newPostId(), now), 0);
        }
        awaitSentinelOnPartition0();

        assertThat(http.getForObject("/feed/trending", TrendingPost[].class)).hasSize(20);
    }

    private void awaitSentinelOnPartition0() throws Exception {
        String sentinel = newPostId();
        send(like(sentinel, Instant.now()), 0);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(scoreOf(sentinel)).isPresent());
    }

    private Optional<Double> scoreOf(String postId) {
        return trending(100).stream()
                .filter(p -> p.postId().equals(postId))
                .map(TrendingPost::score)
                .findFirst();
    }

    private List<TrendingPost> trending(int limit) {
        return List.of(http.getForObject("/feed/trending?limit=" + limit, TrendingPost[].class));
    }

    private static List<TrendingPost> ours(List<TrendingPost> all, String... postIds) {
        List<String> wanted = List.of(postIds);
        return all.stream().filter(p -> wanted.contains(p.postId())).toList();
    }

    private static LikeEvent like(String postId, Instant at) {
        return LikeEvent.of(LikeEventType.LIKED, postId, "owner", "user-" + UUID.randomUUID(), at, null);
    }

    private static void send(LikeEvent event, Integer partition) throws Exception {
        var record = new ProducerRecord<>(Topics.FEED_BOOST, partition, event.postId(), LikeEventJson.toBytes(event));
        record.headers()
                .add(EventHeaders.EVENT_ID, bytes(event.eventId().toString()))
                .add(EventHeaders.EVENT_TYPE, bytes(event.type().name()))
                .add(EventHeaders.SCHEMA_VERSION, bytes(String.valueOf(event.schemaVersion())));
        producer.send(record).get();
    }

    private static String newPostId() {
        return "p-" + UUID.randomUUID();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
