package dev.likes.loadtest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the run's writes and reads did, as measured by the simulation itself: accepted writes (HTTP 200), errors, and
 * latencies from just before the request to just after its response. The time of the last accepted write is where
 * the correctness pass starts its clock.
 */
final class RunStats {

    final Latencies writeLatencies = new Latencies();
    final Latencies readLatencies = new Latencies();
    final AtomicLong writesOk = new AtomicLong();
    final AtomicLong writesFailed = new AtomicLong();
    final AtomicLong readsOk = new AtomicLong();
    final AtomicLong readsFailed = new AtomicLong();
    private final AtomicLong firstWriteAtMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastWriteAtMillis = new AtomicLong(0);
    private volatile long measureFromMillis;

    /** A ramp's levels, or a single level for a constant rate. */
    final Levels levels;

    RunStats(Levels levels) {
        this.levels = levels;
    }

    /** Requests started before this instant are the warm-up: sent and checked for correctness, not measured. */
    void measureFrom(long millis) {
        measureFromMillis = millis;
    }

    void write(long startNanos, long startMillis, boolean ok) {
        if (startMillis < measureFromMillis) {
            lastWriteAtMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        firstWriteAtMillis.accumulateAndGet(startMillis, Math::min);
        if (ok) {
            writesOk.incrementAndGet();
            writeLatencies.record(nanos);
            lastWriteAtMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
        } else {
            writesFailed.incrementAndGet();
        }
        levels.record(startMillis, nanos, ok);
    }

    void read(long startNanos, boolean ok) {
        if (System.currentTimeMillis() < measureFromMillis) {
            return;
        }
        if (ok) {
            readsOk.incrementAndGet();
            readLatencies.record(System.nanoTime() - startNanos);
        } else {
            readsFailed.incrementAndGet();
        }
    }

    long firstWriteAtMillis() {
        return firstWriteAtMillis.get();
    }

    long lastWriteAtMillis() {
        return lastWriteAtMillis.get();
    }

    /** Accepted writes per second between the first write sent and the last one answered. */
    double acceptedPerSecond() {
        long span = lastWriteAtMillis() - firstWriteAtMillis();
        return span <= 0 ? 0 : writesOk.get() * 1000.0 / span;
    }
}
