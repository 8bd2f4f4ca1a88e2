package dev.likes.likeapi.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize rows the relay publishes per lane per transaction
 * @param lanes lanes of the outbox: a post's events take one lane, and each lane is published by one relay at a time,
 *     so this bounds how many relay threads across all instances publish in parallel. Every instance must use the
 *     same value; after a change, the relay moves rows left in lanes that no longer exist before it publishes
 * @param relayThreads relay threads of this instance; each tries its share of the lanes and skips a lane that another
 *     instance is publishing
 * @param pollInterval how often the relay looks at every lane; a commit on this instance wakes its lanes at once, so
 *     this bounds the delay of rows written by another instance
 * @param maxBackoff the longest pause between attempts while Kafka is unreachable
 * @param sendTimeout how long the relay waits for the broker's acknowledgement of a batch; longer than the producer's
 *     {@code delivery.timeout.ms}, so a record given up on is one the producer has given up on too
 * @param vacuumAfterRows the relay vacuums the outbox after publishing (and deleting) this many rows, so published
 *     rows leave no dead index entries for later reads to step over, whether or not autovacuum runs
 * @param vacuumInterval and at least this often while it has deleted any
 * @param metricsInterval how often the backlog gauges are refreshed
 * @param topicPartitions partitions of {@code likes.events} when this service creates it
 */
@Validated
@ConfigurationProperties("likes.outbox")
record OutboxProperties(
        @DefaultValue("500") @Positive int batchSize,
        @DefaultValue("16") @Positive @Max(Short.MAX_VALUE) int lanes,
        @DefaultValue("4") @Positive int relayThreads,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("100000") @Positive int vacuumAfterRows,
        @DefaultValue("30s") Duration vacuumInterval,
        @DefaultValue("5s") Duration metricsInterval,
        @DefaultValue("12") @Positive int topicPartitions) {

    OutboxLanes outboxLanes() {
        return new OutboxLanes(lanes);
    }
}
