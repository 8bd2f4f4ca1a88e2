package dev.likes.likeapi.outbox;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize rows the relay publishes per transaction
 * @param pollInterval how long the relay sleeps when it finds nothing; a commit on this instance wakes it at once
 * @param maxBackoff the longest pause between attempts while Kafka is unreachable
 * @param sendTimeout how long the relay waits for the broker's acknowledgement of a batch; longer than the producer's
 *     {@code delivery.timeout.ms}, so a record given up on is one the producer has given up on too
 * @param retention how long sent rows are kept (for audit and replay) before they are deleted
 * @param cleanupInterval how often sent rows past their retention are deleted
 * @param topicPartitions partitions of {@code likes.events} when this service creates it
 */
@Validated
@ConfigurationProperties("likes.outbox")
record OutboxProperties(
        @DefaultValue("500") @Positive int batchSize,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("12") @Positive int topicPartitions) {}
