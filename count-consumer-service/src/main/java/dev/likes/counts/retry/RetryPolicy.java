package dev.likes.counts.retry;

import java.time.Duration;

/**
 * Exponential backoff for a parked event: the n-th retry (n = 1..maxRetries) waits {@code initialBackoff *
 * multiplier^(n-1)} after the failure before it, so with the defaults 1, 2, 4, 8, 16 s; after the last retry failed the
 * event is FAILED.
 */
public record RetryPolicy(Duration initialBackoff, double multiplier, int maxRetries) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || multiplier < 1 || maxRetries < 0) {
            throw new IllegalArgumentException(
                    "Bad retry policy " + initialBackoff + " x" + multiplier + " " + maxRetries);
        }
    }

    /** How long to wait before retry number {@code retry} (1-based). */
    public Duration delayBefore(int retry) {
        double factor = Math.pow(multiplier, Math.max(0, retry - 1));
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, initialBackoff.toNanos() * factor));
    }

    /** Whether an event whose {@code retriesDone} retries all failed is out of retries. */
    public boolean exhausted(int retriesDone) {
        return retriesDone >= maxRetries;
    }
}
