package dev.likes.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-level statistics of a stepped arrival rate, so a ramp reports where latency bends: the first level whose p99
 * exceeds twice the first level's (or that has errors, or accepts under 95 % of what was offered) is the knee.
 */
final class Levels {

    private final double[] offeredRates;
    private final long levelMillis;
    private final Latencies[] latencies;
    private final AtomicLong[] ok;
    private final AtomicLong[] failed;
    private final AtomicLong startMillis = new AtomicLong();

    Levels(double[] offeredRates, long levelMillis) {
        this.offeredRates = offeredRates;
        this.levelMillis = levelMillis;
        this.latencies = new Latencies[offeredRates.length];
        this.ok = new AtomicLong[offeredRates.length];
        this.failed = new AtomicLong[offeredRates.length];
        for (int i = 0; i < offeredRates.length; i++) {
            latencies[i] = new Latencies();
            ok[i] = new AtomicLong();
            failed[i] = new AtomicLong();
        }
    }

    static Levels single(double rate, long durationMillis) {
        return new Levels(new double[] {rate}, durationMillis);
    }

    /** Called as each write is sent: the first one marks the start of level 0. */
    void sent(long millis) {
        if (startMillis.get() == 0) {
            startMillis.compareAndSet(0, millis);
        }
    }

    void record(long requestStartMillis, long nanos, boolean success) {
        long sinceStart = requestStartMillis - startMillis.get();
        int level = (int) Math.min(offeredRates.length - 1, Math.max(0, sinceStart / levelMillis));
        if (success) {
            ok[level].incrementAndGet();
            latencies[level].record(nanos);
        } else {
            failed[level].incrementAndGet();
        }
    }

    int size() {
        return offeredRates.length;
    }

    /** One line per level, and the knee (or that none was found). */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        double baseP99 = latencies[0].percentileMillis(0.99);
        Integer knee = null;
        for (int i = 0; i < offeredRates.length; i++) {
            double accepted = ok[i].get() * 1000.0 / levelMillis;
            double p50 = latencies[i].percentileMillis(0.50);
            double p99 = latencies[i].percentileMillis(0.99);
            boolean bent =
                    (baseP99 > 0 && p99 > 2 * baseP99) || failed[i].get() > 0 || accepted < 0.95 * offeredRates[i];
            if (bent && knee == null) {
                knee = i;
            }
            lines.add(String.format(
                    Locale.ROOT,
                    "BENCH_LEVEL level=%d offered_per_s=%.0f accepted_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d",
                    i,
                    offeredRates[i],
                    accepted,
                    p50,
                    p99,
                    failed[i].get()));
        }
        lines.add(
                knee == null
                        ? "BENCH_KNEE none: latency did not bend up to the last level"
                        : String.format(
                                Locale.ROOT,
                                "BENCH_KNEE level=%d offered_per_s=%.0f (p99 over 2x the first level's, errors, or under"
                                        + " 95%% accepted); last good level offered_per_s=%s",
                                knee,
                                offeredRates[knee],
                                knee == 0 ? "none" : String.format(Locale.ROOT, "%.0f", offeredRates[knee - 1])));
        return lines;
    }
}
