package dev.likes.feed.trending;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param halfLife how long until a like is worth half as much; changing it reinterprets the stored scores, so clear
 *     {@code feed:trending} (or let it age out) after a change
 * @param dedupeTtl how long an applied eventId is remembered; longer than any redelivery can come late
 * @param maxEntries posts kept in {@code feed:trending}; the coldest beyond it are dropped on every update
 * @param minScore posts whose current score falls below it are dropped (0.01 is one like about 40 h old at 6 h)
 * @param topicPartitions partitions of {@code likes.feed-boost.dlq} and {@code likes.post-events.dlq} when this service
 *     creates them
 * @param retryInitialInterval first pause before a failed batch (Redis unreachable) is retried
 * @param retryMaxInterval longest pause between retries (the pause doubles each time)
 * @param maxRetries retries before the batch's records go to {@code likes.feed-boost.dlq}; unreadable records go at
 *     once
 * @param keyPrefix prefix of every Redis key of this service ({@code feed:trending}, {@code feed:event:{eventId}}), so
 *     two environments (or test runs) can share one Redis
 */
@Validated
@ConfigurationProperties("likes.feed")
record FeedProperties(
        @DefaultValue("6h") Duration halfLife,
        @DefaultValue("7d") Duration dedupeTtl,
        @DefaultValue("10000") @Positive int maxEntries,
        @DefaultValue("0.01") @Positive double minScore,
        @DefaultValue("12") @Positive int topicPartitions,
        @DefaultValue("1s") Duration retryInitialInterval,
        @DefaultValue("30s") Duration retryMaxInterval,
        @DefaultValue("10") @PositiveOrZero int maxRetries,
        @DefaultValue("feed:") String keyPrefix) {

    FeedProperties {
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("likes.feed.half-life must be positive");
        }
        if (dedupeTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("likes.feed.dedupe-ttl must be at least one second");
        }
    }

    /** The sorted set of hot scores: the one key without a TTL, bounded by {@link #maxEntries} instead. */
    String trendingKey() {
        return keyPrefix + "trending";
    }

    /**
     * The marker of a deleted post: boosts of it are ignored while it lives ({@link #dedupeTtl}, longer than any late
     * like can arrive), so a like accepted just before the deletion cannot bring the post back into trending.
     */
    String deletedKey(String postId) {
        return keyPrefix + "post:" + postId + ":deleted";
    }

    /** The dedupe marker of one event. */
    String eventKey(UUID eventId) {
        return keyPrefix + "event:" + eventId;
    }
}
