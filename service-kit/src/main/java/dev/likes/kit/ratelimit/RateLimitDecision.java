package dev.likes.kit.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;

/**
 * The answer of one bucket, in the terms of the IETF RateLimit header fields draft.
 *
 * @param checked false when the limit was not consulted (off, or its store unreachable): no headers then
 * @param remaining requests left right now
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds seconds until the next request may pass (0 when allowed)
 */
public record RateLimitDecision(
        boolean allowed, boolean checked, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static RateLimitDecision unchecked() {
        return new RateLimitDecision(true, false, 0, 0, 0, 0);
    }

    static RateLimitDecision of(boolean allowed, long limit, long remaining, long nanosToReset, long nanosToRefill) {
        return new RateLimitDecision(
                allowed,
                true,
                limit,
                remaining,
                secondsRoundedUp(nanosToReset),
                allowed ? 0 : Math.max(1, secondsRoundedUp(nanosToRefill)));
    }

    /** {@code RateLimit-*} on every checked answer; {@code Retry-After} too when refused. */
    public void writeHeaders(HttpServletResponse response) {
        if (!checked) {
            return;
        }
        response.setHeader("RateLimit-Limit", Long.toString(limit));
        response.setHeader("RateLimit-Remaining", Long.toString(remaining));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }

    private static long secondsRoundedUp(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
