package dev.likes.kit.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One limit: at most {@code capacity} requests at once, refilled greedily at {@code capacity} per {@code period}.
 *
 * @param name the limit's name in bucket keys and in the {@code limit} tag of {@code likes.ratelimit.decisions}
 */
public record RateLimit(String name, boolean enabled, long capacity, Duration period) {

    public RateLimit {
        if (enabled && (capacity < 1 || period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException(
                    "likes.rate-limit." + name + " needs a positive capacity and period, or enabled: false");
        }
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }
}
