package dev.likes.orchestrator.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Events produced to likes.events by a plain producer, as the like API's relay does, and what the broker then holds. */
@LikesIntegrationTest
@AutoConfigureObservability // Boot turns tracing and the Prometheus registry off in tests; the trace is asserted here
@ExtendWith(OutputCaptureExtension.class)
class FanOutIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static KafkaProducer<String, byte[]> producer;

    private final KafkaTestConsumer notifyOwner = KafkaTestConsumer.of(Topics.NOTIFY_OWNER);
    private final KafkaTestConsumer push = KafkaTestConsumer.of(Topics.PUSH);
    private final KafkaTestConsumer feedBoost = KafkaTestConsumer.of(Topics.FEED_BOOST);
    private final KafkaTestConsumer dlq = KafkaTestConsumer.of(FanOutTopics.ORCHESTRATOR_DLQ);

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

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
    static void stopProducer() {
        producer.close(Duration.ofSeconds(2));
    }

    @AfterEach
    void closeConsumers() {
        List.of(notifyOwner, push, feedBoost, dlq).forEach(KafkaTestConsumer::close);
    }

    @Test
    void aLikeAppearsOnceOnEachTopicKeyedByPostIdWithItsEventIdAndTrace(CapturedOutput output) throws Exception {
        String postId = randomPostId();
        var like = LikeEvent.of(LikeEventType.LIKED, postId, "owner-" + postId, "alice", Instant.now(), null);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        var record = eventRecord(like);
        record.headers()
                .add("traceparent", bytes("00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));

        producer.send(record).get();

        for (KafkaTestConsumer topic : List.of(notifyOwner, push, feedBoost)) {
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(topic.poll(ofEvent(like))).hasSize(1));
            ConsumerRecord<String, byte[]> out = topic.poll(ofEvent(like)).get(0);
            assertThat(out.key()).isEqualTo(postId);
            assertThat(LikeEventJson.fromBytes(out.value())).isEqualTo(like);
            assertThat(header(out, EventHeaders.EVENT_TYPE)).isEqualTo("LIKED");
            assertThat(header(out, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
            assertThat(header(out, "traceparent")).startsWith("00-" + traceId + "-");
        }
        assertThat(http.getForObject("http://127.0.0.1:" + managementPort + "/actuator/prometheus", String.class))
                .contains("likes_fanout_sent_total{application=\"side-effects-orchestrator\",topic=\"likes.push\"}");
        // One trace id finds the like in every service: the fan-out is logged in the record's trace.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getOut().lines())
                .anySatisfy(line -> assertThat(line).contains(traceId).contains("like fanned out")));
    }

    @Test
    void aSelfLikeOnlyBoostsTheFeed() throws Exception {
        String postId = randomPostId();
        String owner = "owner-" + postId;
        var selfLike = LikeEvent.of(LikeEventType.LIKED, postId, owner, owner, Instant.now(), null);
        var later = LikeEvent.of(LikeEventType.LIKED, postId, owner, "bob", Instant.now(), null);

        producer.send(eventRecord(selfLike)).get();
        producer.send(eventRecord(later)).get();

        // Same key, same partition, in order: once the later like is fanned out, the self-like has been too.
        awaitOn(notifyOwner, later);
        awaitOn(push, later);
        awaitOn(feedBoost, selfLike);
        assertThat(notifyOwner.poll(ofEvent(selfLike))).isEmpty();
        assertThat(push.poll(ofEvent(selfLike))).isEmpty();
    }

    @Test
    void anUnlikeGoesToFeedBoostAndNotifyOwnerButNotToPush() throws Exception {
        String postId = randomPostId();
        String owner = "owner-" + postId;
        var unlike = LikeEvent.of(LikeEventType.UNLIKED, postId, owner, "alice", Instant.now(), null);
        var later = LikeEvent.of(LikeEventType.LIKED, postId, owner, "bob", Instant.now(), null);

        producer.send(eventRecord(unlike)).get();
        producer.send(eventRecord(later)).get();

        awaitOn(push, later);
        awaitOn(feedBoost, unlike);
        awaitOn(notifyOwner, unlike);
        assertThat(header(notifyOwner.poll(ofEvent(unlike)).get(0), EventHeaders.EVENT_TYPE))
                .isEqualTo("UNLIKED");
        assertThat(push.poll(ofEvent(unlike))).isEmpty();
    }

    @Test
    void aPoisonRecordIsParkedOnTheOrchestratorDlqAndTheRecordsAfterItFlow() throws Exception {
        String postId = randomPostId();
        byte[] garbage =
                ("{\"eventId\": \"not-a-uuid\", \"postId\": \"" + postId + "\"}").getBytes(StandardCharsets.UTF_8);
        var later = LikeEvent.of(LikeEventType.LIKED, postId, "owner-" + postId, "bob", Instant.now(), null);

        producer.send(new ProducerRecord<>(Topics.LIKE_EVENTS, postId, garbage)).get();
        producer.send(eventRecord(later)).get();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(dlq.poll(r -> postId.equals(r.key())))
                .hasSize(1));
        ConsumerRecord<String, byte[]> parked =
                dlq.poll(r -> postId.equals(r.key())).get(0);
        assertThat(parked.value()).isEqualTo(garbage);
        assertThat(header(parked, "kafka_dlt-exception-stacktrace"))
                .contains(LikeEventJson.MalformedEventException.class.getName());
        assertThat(header(parked, "kafka_dlt-original-topic")).isEqualTo(Topics.LIKE_EVENTS);
        awaitOn(feedBoost, later);
        awaitOn(notifyOwner, later);
        assertThat(dlq.poll(ofEvent(later))).isEmpty();
    }

    private static void awaitOn(KafkaTestConsumer topic, LikeEvent event) {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(topic.poll(ofEvent(event))).hasSize(1));
    }

    private static Predicate<ConsumerRecord<String, byte[]>> ofEvent(LikeEvent event) {
        return r -> event.eventId().toString().equals(header(r, EventHeaders.EVENT_ID));
    }

    private static ProducerRecord<String, byte[]> eventRecord(LikeEvent event) {
        var record = new ProducerRecord<>(Topics.LIKE_EVENTS, event.postId(), LikeEventJson.toBytes(event));
        record.headers()
                .add(EventHeaders.EVENT_ID, bytes(event.eventId().toString()))
                .add(EventHeaders.EVENT_TYPE, bytes(event.type().name()))
                .add(EventHeaders.SCHEMA_VERSION, bytes(String.valueOf(event.schemaVersion())));
        return record;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String randomPostId() {
        return "p-" + UUID.randomUUID();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
