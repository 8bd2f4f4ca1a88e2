package dev.likes.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

class PipelineFreshnessTest {

    private static final TopicPartition PARTITION = new TopicPartition("likes.events", 0);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PipelineFreshness freshness = new PipelineFreshness("counts", meters, clock);
    private final MockConsumer<Object, Object> first = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final MockConsumer<Object, Object> second = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

    private double gauge() {
        return meters.get("likes.pipeline.oldest.age")
                .tag("hop", "counts")
                .gauge()
                .value();
    }

    private ConsumerRecords<Object, Object> batch(long... agesMillis) {
        List<ConsumerRecord<Object, Object>> records = new java.util.ArrayList<>();
        for (long age : agesMillis) {
            records.add(new ConsumerRecord<>(
                    PARTITION.topic(),
                    PARTITION.partition(),
                    records.size(),
                    clock.millis() - age,
                    TimestampType.CREATE_TIME,
                    0,
                    0,
                    "post",
                    new byte[0],
                    new RecordHeaders(),
                    Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, records));
    }

    @Test
    void isZeroWhenNothingIsInHand() {
        assertThat(gauge()).isZero();
    }

    @Test
    void aBatchInHandShowsItsOldestRecordsAgeAndGrowsUntilTheListenerReturns() {
        var records = batch(3_000, 12_000, 5_000);
        freshness.intercept(records, first);
        assertThat(gauge()).isEqualTo(12.0);

        clock.advance(2_000);
        assertThat(gauge()).isEqualTo(14.0);

        freshness.success(records, first);
        assertThat(gauge()).isZero();
    }

    @Test
    void theOldestOverAllConsumersCounts() {
        freshness.intercept(batch(4_000), first);
        freshness.intercept(batch(9_000), second);
        assertThat(gauge()).isEqualTo(9.0);

        freshness.success(batch(), second);
        assertThat(gauge()).isEqualTo(4.0);
    }

    @Test
    void aFailedBatchStaysUntilItIsRedeliveredOrTheConsumerIdles() {
        var records = batch(6_000);
        freshness.intercept(records, first);
        freshness.failure(records, new IllegalStateException("database down"), first);
        clock.advance(1_000);
        assertThat(gauge()).isEqualTo(7.0);

        freshness.idle(
                new ListenerContainerIdleEvent(this, this, 5_000, "count-consumer", List.of(PARTITION), first, false));
        assertThat(gauge()).isZero();
    }

    /** A clock the test moves; the gauge reads it on every scrape. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
