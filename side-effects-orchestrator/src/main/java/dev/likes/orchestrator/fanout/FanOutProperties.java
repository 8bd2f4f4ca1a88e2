package dev.likes.orchestrator.fanout;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param topicPartitions partitions of the three fan-out topics (and the orchestrator's DLQ) when this service creates
 *     them
 * @param sendTimeout how long a batch waits for the broker to acknowledge all its fan-out sends before it fails and is
 *     redelivered; longer than the producer's {@code delivery.timeout.ms}, so a send given up on here is one the
 *     producer gave up on too
 * @param retryInitialInterval first pause before a failed batch is redelivered
 * @param retryMaxInterval longest pause between redeliveries (the pause doubles each time)
 * @param maxRetries redeliveries of a failing record before it goes to the orchestrator's DLQ; a record that is not a
 *     readable LikeEvent goes there at once
 */
@Validated
@ConfigurationProperties("likes.fanout")
record FanOutProperties(
        @DefaultValue("12") @Positive int topicPartitions,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("1s") Duration retryInitialInterval,
        @DefaultValue("16s") Duration retryMaxInterval,
        @DefaultValue("5") @PositiveOrZero int maxRetries) {}
