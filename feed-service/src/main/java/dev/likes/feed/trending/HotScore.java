package dev.likes.feed.trending;

import java.time.Duration;
import java.time.Instant;

/**
 * The decayed hot score, in the form that lets Redis keep it without ever rewriting old entries.
 *
 * <p>Every like is worth 1 when it happens and halves every half-life {@code H}; an unlike takes one fresh like's worth
 * away, never below zero. A post's score now is {@code Σ sign·2^(−(now − t_event)/H)}. Since {@code 2^(−(now −
 * t)/H) = 2^((t − t0)/H) / 2^((now − t0)/H)} for a fixed epoch {@code t0}, the stored value is the
 * time-independent sum {@code S = Σ sign·2^((t_event − t0)/H)}, and the current score is {@code S / 2^((now −
 * t0)/H)}: a new like never touches the others, and the order of the sorted set is the order of the current scores.
 *
 * <p>{@code S} grows by a factor of two every half-life and would overflow a double within months, so the sorted set
 * holds {@code L = ln S} instead (about +1000 a year at a 6 h half-life): adding a like is a log-sum-exp, removing one
 * is {@code L + ln(1 − e^(x − L))}, and the current score is {@code e^(L − ln2·(now − t0)/H)}. The same steps run in
 * {@code scripts/apply-boosts.lua}; this class is their reference, and the unit test's subject.
 */
final class HotScore {

    /** The fixed epoch {@code t0}. Changing it (or the half-life) reinterprets every stored score. */
    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private static final double LN2 = Math.log(2);

    private HotScore() {}

    /** {@code x = ln 2^((t − t0)/H)}: the log-form weight of one like at {@code t}. */
    static double logWeight(Instant t, Duration halfLife) {
        return LN2 * (t.toEpochMilli() - EPOCH.toEpochMilli()) / halfLife.toMillis();
    }

    /** The current score of a stored log-form value. */
    static double current(double stored, Instant now, Duration halfLife) {
        return Math.exp(stored - logWeight(now, halfLife));
    }

    /** The stored value below which a post's current score is under {@code minScore}. */
    static double storedCutoff(double minScore, Instant now, Duration halfLife) {
        return Math.log(minScore) + logWeight(now, halfLife);
    }

    /**
     * Applies one like ({@code sign > 0}) or unlike at log-form weight {@code x} to a stored value.
     *
     * @param stored the stored value, or {@code null} when the post has none
     * @return the new stored value, or {@code null} when the score would be zero or less (the entry goes away)
     */
    static Double apply(Double stored, int sign, double x) {
        if (sign > 0) {
            if (stored == null) {
                return x;
            }
            double hi = Math.max(stored, x);
            double lo = Math.min(stored, x);
            return hi + Math.log1p(Math.exp(lo - hi));
        }
        if (stored == null || x >= stored) {
            return null;
        }
        return stored + Math.log1p(-Math.exp(x - stored));
    }
}
