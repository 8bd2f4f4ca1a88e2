package dev.likes.likeapi.like;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize the most likes one transaction commits together
 * @param writers threads committing batches concurrently (each holds one connection while it commits)
 * @param queueCapacity likes waiting for a writer before new ones are refused with 503 (back-pressure)
 * @param timeout how long a request waits for its batch to commit before it answers 503
 */
@Validated
@ConfigurationProperties("likes.write")
record LikeWriterProperties(
        @DefaultValue("256") @Positive int batchSize,
        @DefaultValue("4") @Positive int writers,
        @DefaultValue("20000") @Positive int queueCapacity,
        @DefaultValue("10s") Duration timeout) {}
