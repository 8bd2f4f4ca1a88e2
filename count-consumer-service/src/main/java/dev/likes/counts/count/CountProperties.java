package dev.likes.counts.count;

import dev.likes.counts.retry.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retry how parked events are retried
 * @param successRetention how long SUCCESS rows are kept; they are the dedupe record, so keep them longer than a
 *     redelivery can arrive (the topic's retention plus any replay window). FAILED rows are never pruned.
 * @param pruneInterval how often SUCCESS rows past their retention are deleted
 * @param pruneChunk rows deleted per statement while pruning, so one prune never holds a long lock
 * @param dlqSendTimeout how long a DLQ send may take before the work that needed it fails and is retried
 * @param dlqPartitions partitions of {@code likes.events.dlq} and {@code likes.post-events.dlq} when this service
 *     creates them; records go by key, so any number keeps a post's records in order
 */
@Validated
@ConfigurationProperties("likes.counts")
public record CountProperties(
        @Valid @DefaultValue Retry retry,
        @DefaultValue("7d") Duration successRetention,
        @DefaultValue("10m") Duration pruneInterval,
        @DefaultValue("10000") @Positive int pruneChunk,
        @DefaultValue("10s") Duration dlqSendTimeout,
        @DefaultValue("12") @Positive int dlqPartitions) {

    /**
     * @param initialBackoff the wait before the first retry
     * @param multiplier factor between successive waits
     * @param maxRetries retries before an event is FAILED and sent to the DLQ
     * @param pollInterval how often the retrier looks for due events
     * @param batchSize due events the retrier takes per poll
     */
    public record Retry(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("5") @PositiveOrZero int maxRetries,
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("100") @Positive int batchSize) {

        public RetryPolicy policy() {
            return new RetryPolicy(initialBackoff, multiplier, maxRetries);
        }
    }
}
