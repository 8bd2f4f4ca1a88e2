package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.feed.FeedApplication;
import dev.likes.testsupport.DrainBenchmark;
import dev.likes.testsupport.LikeTraffic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * How fast feed-service catches up on a backlog of {@code likes.feed-boost}: the topic is filled with what the
 * orchestrator publishes for realistic likes, then the real service starts, and the clock runs until its group has
 * committed every offset; then every post's stored score must be what {@link HotScore} computes from its events, in
 * order. Each run writes under its own key prefix. Run alone (another context in the JVM would join the group):
 *
 * <pre>
 * ./mvnw -B -pl feed-service -am verify -Dlikes.bench=true -Dit.test=FeedDrainBenchmarkIT \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dlikes.bench.events=200000 -Dlikes.bench.floor=5000]
 * </pre>
 */
@EnabledIfSystemProperty(named = DrainBenchmark.FLAG, matches = "true")
class FeedDrainBenchmarkIT {

    private static final String GROUP = "feed-service";
    private static final Duration HALF_LIFE = Duration.ofHours(6);

    @Test
    void drainsABacklogAtLeastAtTheFloorRateAndAppliesEveryBoostOnce() {
        try (var bench = new DrainBenchmark()) {
            bench.createTopics(Topics.FEED_BOOST);
            List<Double> rates = DrainBenchmark.repeat(events -> run(bench, events));
            double median = DrainBenchmark.report("feed-service", DrainBenchmark.events(), rates);
            assertThat(median).isGreaterThanOrEqualTo(DrainBenchmark.floor());
        }
    }

    private static double run(DrainBenchmark bench, int events) {
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8);
        // Every like fans out to the feed, so the topic gets exactly `events` records.
        var traffic = LikeTraffic.generate(prefix, 2_000, events, prefix.hashCode());
        var boosts = traffic.fanOutRecords(Topics.FEED_BOOST);
        bench.fill(boosts);
        String keyPrefix = "bench:" + prefix + ":";
        try (var context = DrainBenchmark.startService(
                FeedApplication.class, "likes.feed.key-prefix=" + keyPrefix, "likes.feed.half-life=" + HALF_LIFE)) {
            double seconds = bench.drain(
                    GROUP,
                    List.of(Topics.FEED_BOOST),
                    () -> DrainBenchmark.startListeners(context),
                    Duration.ofMinutes(10));
            var redis = context.getBean(StringRedisTemplate.class);
            Map<String, Double> stored = new HashMap<>();
            var entries = redis.opsForZSet().rangeWithScores(keyPrefix + "trending", 0, -1);
            entries.forEach(e -> stored.put(e.getValue(), e.getScore()));
            Map<String, Double> expected = expectedScores(traffic.fannedOutTo(Topics.FEED_BOOST));
            assertThat(stored.keySet()).isEqualTo(expected.keySet());
            expected.forEach(
                    (post, score) -> assertThat(stored.get(post)).as(post).isCloseTo(score, within(1e-6)));
            redis.delete(keyPrefix + "trending");
            return boosts.size() / seconds;
        }
    }

    /** Each post's events folded in order, as the script applies them (one post's events stay on one partition). */
    private static Map<String, Double> expectedScores(List<LikeEvent> events) {
        Map<String, Double> scores = new HashMap<>();
        for (LikeEvent event : events) {
            Double next = HotScore.apply(
                    scores.get(event.postId()), event.countDelta(), HotScore.logWeight(event.occurredAt(), HALF_LIFE));
            if (next == null) {
                scores.remove(event.postId());
            } else {
                scores.put(event.postId(), next);
            }
        }
        return scores;
    }
}
