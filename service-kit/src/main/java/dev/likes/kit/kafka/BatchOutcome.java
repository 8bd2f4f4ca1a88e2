package dev.likes.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The end of a batch listener that reads its records itself, stopping at the first unreadable one: the records of types
 * it does not handle are counted, and the unreadable record fails the batch at its own index, so the container's
 * error handler commits the records before it (already applied) and parks it on its dead-letter topic without
 * retrying the others.
 */
public final class BatchOutcome {

    private BatchOutcome() {}

    /**
     * @param metric the listener's counter, incremented under {@code result="skipped"} by {@code skipped}
     * @param poison the first unreadable record, or null when every record was read
     * @param cause why it is unreadable, or null
     * @throws BatchListenerFailedException when there is a poison record
     */
    public static void finish(
            MeterRegistry meters, String metric, int skipped, ConsumerRecord<?, ?> poison, Exception cause) {
        if (skipped > 0) {
            meters.counter(metric, "result", "skipped").increment(skipped);
        }
        if (poison != null) {
            throw new BatchListenerFailedException("unreadable record: " + cause.getMessage(), cause, poison);
        }
    }
}
