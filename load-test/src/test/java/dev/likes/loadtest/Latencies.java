package dev.likes.loadtest;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with 0.1 ms buckets up to 10 s (one overflow bucket above), recorded from Gatling's
 * threads. Finer than Gatling's own millisecond statistics, which matters for a p50 below a millisecond.
 */
final class Latencies {

    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 100_000;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS + 1);

    void record(long nanos) {
        buckets.incrementAndGet((int) Math.min(BUCKETS, Math.max(0, nanos / BUCKET_NANOS)));
    }

    long count() {
        long n = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            n += buckets.get(i);
        }
        return n;
    }

    /** The upper bound of the bucket holding quantile {@code q}, in milliseconds; 0 when nothing was recorded. */
    double percentileMillis(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }
}
