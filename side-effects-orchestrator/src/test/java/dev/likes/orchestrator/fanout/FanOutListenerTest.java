package dev.likes.orchestrator.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.kit.tracing.RecordTrace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.mock.MockProducerFactory;

/** The batch bookkeeping against Kafka's own MockProducer; the real broker is in {@code FanOutIT}. */
class FanOutListenerTest {

    // KafkaTemplate closes a non-transactional producer after each send; a real factory's producer ignores that.
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close() {}

                @Override
                public void close(Duration timeout) {}
            };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FanOutListener listener = new FanOutListener(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
            untraced(),
            meters,
            new FanOutProperties(12, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
            noTracing());

    private static TraceHeaders noTracing() {
        var none = new DefaultListableBeanFactory();
        return new TraceHeaders(none.getBeanProvider(Tracer.class), none.getBeanProvider(Propagator.class));
    }

    /** No tracer, no propagator, no observation registry: the bookkeeping, not the tracing, is tested here. */
    private static RecordTrace untraced() {
        var none = new DefaultListableBeanFactory();
        return new RecordTrace(
                none.getBeanProvider(Tracer.class),
                none.getBeanProvider(Propagator.class),
                none.getBeanProvider(ObservationRegistry.class));
    }

    @Test
    void aBatchIsSentWithTheOriginalBytesKeyedByPostId() {
        var like = LikeEvent.of(LikeEventType.LIKED, "p1", "owner", "alice", Instant.now(), null);
        var selfLike = LikeEvent.of(LikeEventType.LIKED, "p2", "owner", "owner", Instant.now(), null);

        listener.onEvents(List.of(record(0, like), record(1, selfLike)));

        assertThat(producer.history()).hasSize(4);
        assertThat(producer.history())
                .allSatisfy(sent -> assertThat(sent.key()).isIn("p1", "p2"))
                .filteredOn(sent -> sent.key().equals("p1"))
                .allSatisfy(sent -> assertThat(sent.value()).isEqualTo(LikeEventJson.toBytes(like)));
        assertThat(meters.get("likes.fanout.sent")
                        .tag("topic", Topics.FEED_BOOST)
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(meters.get("likes.fanout.skipped")
                        .tag("reason", "self-like")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aPoisonRecordIsReportedAfterTheRecordsBeforeItWereSent() {
        var before = LikeEvent.of(LikeEventType.LIKED, "p1", "owner", "alice", Instant.now(), null);
        var after = LikeEvent.of(LikeEventType.LIKED, "p3", "owner", "bob", Instant.now(), null);
        var poison = new ConsumerRecord<String, byte[]>(
                Topics.LIKE_EVENTS, 0, 1, "p2", "{not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> listener.onEvents(List.of(record(0, before), poison, record(2, after))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(poison);
                    assertThat(e.getCause()).isInstanceOf(LikeEventJson.MalformedEventException.class);
                });
        // The record after the poison one is left for the redelivery, so nothing overtakes in its partition.
        assertThat(producer.history()).hasSize(3).allSatisfy(sent -> assertThat(sent.key())
                .isEqualTo("p1"));
    }

    @Test
    void aSendTheBrokerRefusesFailsTheBatchAtThatRecord() {
        producer.sendException = new KafkaException("broker gone");
        var first = record(0, LikeEvent.of(LikeEventType.LIKED, "p1", "owner", "alice", Instant.now(), null));

        assertThatThrownBy(() -> listener.onEvents(List.of(first)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getRecord())
                        .isSameAs(first));
        assertThat(meters.get("likes.fanout.sent")
                        .tag("topic", Topics.PUSH)
                        .counter()
                        .count())
                .isZero();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, LikeEvent event) {
        return new ConsumerRecord<>(Topics.LIKE_EVENTS, 0, offset, event.postId(), LikeEventJson.toBytes(event));
    }
}
