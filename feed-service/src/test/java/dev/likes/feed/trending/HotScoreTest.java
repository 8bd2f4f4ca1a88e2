package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HotScoreTest {

    private static final Duration H = Duration.ofHours(6);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aFreshLikeIsWorthOne() {
        Double stored = like(null, NOW);

        assertThat(HotScore.current(stored, NOW, H)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aLikeIsWorthHalfAfterOneHalfLifeAndAQuarterAfterTwo() {
        Double stored = like(null, NOW.minus(H));

        assertThat(HotScore.current(stored, NOW, H)).isCloseTo(0.5, within(1e-9));
        assertThat(HotScore.current(stored, NOW.plus(H), H)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void likesAddUpWhateverTheirOrder() {
        Double oldFirst = like(like(like(null, NOW.minus(H)), NOW), NOW.minus(H.multipliedBy(2)));
        Double newFirst = like(like(like(null, NOW), NOW.minus(H.multipliedBy(2))), NOW.minus(H));

        assertThat(HotScore.current(oldFirst, NOW, H)).isCloseTo(1.75, within(1e-9));
        assertThat(newFirst).isCloseTo(oldFirst, within(1e-9));
    }

    @Test
    void anUnlikeTakesOneFreshLikeAway() {
        Double threeLikes = like(like(like(null, NOW), NOW), NOW);

        Double afterUnlike = HotScore.apply(threeLikes, -1, HotScore.logWeight(NOW, H));

        assertThat(HotScore.current(afterUnlike, NOW, H)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anUnlikeNeverTakesTheScoreBelowZero() {
        Double oneOldLike = like(null, NOW.minus(H));

        assertThat(HotScore.apply(oneOldLike, -1, HotScore.logWeight(NOW, H))).isNull();
        assertThat(HotScore.apply(null, -1, HotScore.logWeight(NOW, H))).isNull();
    }

    @Test
    void oneFreshLikeOutranksAlmostTwoLikesOneHalfLifeOld() {
        Double fresh = like(null, NOW);
        Double older = like(like(null, NOW.minus(H)), NOW.minus(H).minusSeconds(600));

        assertThat(fresh).isGreaterThan(older);
        assertThat(HotScore.current(older, NOW, H)).isLessThan(1.0).isGreaterThan(0.9);
    }

    @Test
    void theStoredFormStaysFiniteAndExactCenturiesAfterTheEpoch() {
        Instant far = Instant.parse("2225-01-01T00:00:00Z");

        Double stored = like(like(null, far), far);

        assertThat(stored).isFinite();
        assertThat(HotScore.current(stored, far, H)).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void theCutoffIsWhereTheCurrentScoreReachesTheMinimum() {
        double cutoff = HotScore.storedCutoff(0.01, NOW, H);

        assertThat(HotScore.current(cutoff, NOW, H)).isCloseTo(0.01, within(1e-12));
        // One like is under 0.01 after log2(100) ≈ 6.64 half-lives, about 40 h at 6 h.
        assertThat(like(null, NOW.minus(Duration.ofHours(39)))).isGreaterThan(cutoff);
        assertThat(like(null, NOW.minus(Duration.ofHours(41)))).isLessThan(cutoff);
    }

    private static Double like(Double stored, Instant at) {
        return HotScore.apply(stored, 1, HotScore.logWeight(at, H));
    }
}
