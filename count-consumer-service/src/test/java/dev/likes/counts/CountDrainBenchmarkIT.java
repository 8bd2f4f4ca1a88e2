package dev.likes.counts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.testsupport.DrainBenchmark;
import dev.likes.testsupport.LikeTraffic;
import dev.likes.testsupport.LikesInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the count consumer catches up on a backlog of {@code likes.events}: the topic is filled with realistic
 * events first, then the real service starts, and the clock runs until its group has committed every offset; then
 * every post's count must equal its likes minus its unlikes. Run alone (another context in the JVM would join the
 * group):
 *
 * <pre>
 * ./mvnw -B -pl count-consumer-service -am verify -Dlikes.bench=true -Dit.test=CountDrainBenchmarkIT \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dlikes.bench.events=200000 -Dlikes.bench.floor=5000]
 * </pre>
 */
@EnabledIfSystemProperty(named = DrainBenchmark.FLAG, matches = "true")
class CountDrainBenchmarkIT {

    private static final String GROUP = "count-consumer";

    @Test
    void drainsABacklogAtLeastAtTheFloorRateAndCountsEveryEventOnce() {
        try (var bench = new DrainBenchmark()) {
            bench.createTopics(Topics.LIKE_EVENTS);
            List<Double> rates = DrainBenchmark.repeat(events -> run(bench, events));
            double median = DrainBenchmark.report("count-consumer-service", DrainBenchmark.events(), rates);
            assertThat(median).isGreaterThanOrEqualTo(DrainBenchmark.floor());
        }
    }

    private static double run(DrainBenchmark bench, int events) {
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8);
        var traffic = LikeTraffic.generate(prefix, 2_000, events, prefix.hashCode());
        bench.fill(traffic.likeEventRecords());
        try (var context = DrainBenchmark.startService(CountConsumerApplication.class)) {
            double seconds = bench.drain(
                    GROUP,
                    List.of(Topics.LIKE_EVENTS),
                    () -> DrainBenchmark.startListeners(context),
                    Duration.ofMinutes(10));
            assertThat(countsOf(prefix)).isEqualTo(expectedCounts(traffic.events()));
            return events / seconds;
        }
    }

    private static Map<String, Long> expectedCounts(List<LikeEvent> events) {
        Map<String, Long> counts = new HashMap<>();
        for (LikeEvent event : events) {
            counts.merge(event.postId(), (long) event.countDelta(), Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> countsOf(String prefix) {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT post_id, like_count FROM counts.post_counts WHERE post_id LIKE ?")) {
            s.setString(1, prefix + "-%");
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
