package dev.likes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.Topics;
import dev.likes.testsupport.DrainBenchmark;
import dev.likes.testsupport.LikeTraffic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the orchestrator catches up on a backlog of {@code likes.events}: the topic is filled with realistic events
 * first, then the real service starts, and the clock runs until its group has committed every offset (which it does
 * only after the broker acknowledged every fan-out send); then each fan-out topic must have grown by exactly the
 * events routed to it. Run alone (another context in the JVM would join the group):
 *
 * <pre>
 * ./mvnw -B -pl side-effects-orchestrator -am verify -Dlikes.bench=true -Dit.test=FanOutDrainBenchmarkIT \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dlikes.bench.events=200000 -Dlikes.bench.floor=5000]
 * </pre>
 */
@EnabledIfSystemProperty(named = DrainBenchmark.FLAG, matches = "true")
class FanOutDrainBenchmarkIT {

    private static final String GROUP = "side-effects-orchestrator";
    private static final List<String> FAN_OUT = List.of(Topics.NOTIFY_OWNER, Topics.PUSH, Topics.FEED_BOOST);

    @Test
    void drainsABacklogAtLeastAtTheFloorRateAndFansOutEveryEventOnce() {
        try (var bench = new DrainBenchmark()) {
            bench.createTopics(Topics.LIKE_EVENTS, Topics.NOTIFY_OWNER, Topics.PUSH, Topics.FEED_BOOST);
            List<Double> rates = DrainBenchmark.repeat(events -> run(bench, events));
            double median = DrainBenchmark.report("side-effects-orchestrator", DrainBenchmark.events(), rates);
            assertThat(median).isGreaterThanOrEqualTo(DrainBenchmark.floor());
        }
    }

    private static double run(DrainBenchmark bench, int events) {
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8);
        var traffic = LikeTraffic.generate(prefix, 2_000, events, prefix.hashCode());
        bench.fill(traffic.likeEventRecords());
        Map<String, Long> before = ends(bench);
        try (var context = DrainBenchmark.startService(OrchestratorApplication.class)) {
            double seconds = bench.drain(
                    GROUP,
                    List.of(Topics.LIKE_EVENTS),
                    () -> DrainBenchmark.startListeners(context),
                    Duration.ofMinutes(10));
            Map<String, Long> grown = new LinkedHashMap<>();
            Map<String, Long> expected = new LinkedHashMap<>();
            ends(bench).forEach((topic, end) -> grown.put(topic, end - before.get(topic)));
            FAN_OUT.forEach(topic ->
                    expected.put(topic, (long) traffic.fannedOutTo(topic).size()));
            assertThat(grown).isEqualTo(expected);
            return events / seconds;
        }
    }

    private static Map<String, Long> ends(DrainBenchmark bench) {
        Map<String, Long> ends = new LinkedHashMap<>();
        FAN_OUT.forEach(topic -> ends.put(topic, bench.endOffsets(List.of(topic))));
        return ends;
    }
}
