package dev.likes.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class BatchOutcomeTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void skippedRecordsAreCountedAndAReadBatchEndsQuietly() {
        BatchOutcome.finish(meters, "likes.test.events", 3, null, null);

        assertThat(meters.counter("likes.test.events", "result", "skipped").count())
                .isEqualTo(3);
    }

    @Test
    void thePoisonRecordFailsTheBatchAtItsOwnIndexSoOnlyItIsParked() {
        var poison = new ConsumerRecord<String, byte[]>("likes.post-events", 2, 41, "post-1", new byte[] {1});
        var cause = new IllegalArgumentException("not JSON");

        assertThatThrownBy(() -> BatchOutcome.finish(meters, "likes.test.events", 0, poison, cause))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getRecord()).isSameAs(poison);
                    assertThat(e.getCause()).isSameAs(cause);
                });
        assertThat(meters.find("likes.test.events").counter()).isNull();
    }
}
