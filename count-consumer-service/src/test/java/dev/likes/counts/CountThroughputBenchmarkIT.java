package dev.likes.counts;

import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Throughput and freshness of the count consumer on this machine's real PostgreSQL, Redis and an in-JVM broker. Off by
 * default, behind the suite's one benchmark flag; run with {@code ./mvnw -B -pl count-consumer-service -am verify
 * -Dlikes.bench=true -Dit.test=CountThroughputBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false [-Dlikes.bench.events=50000]}. Results go to stdout and
 * {@code target/benchmark.txt}. It fails when a throughput median falls below {@code -Dlikes.bench.min-events-per-second} (default 1,000; this
 * machine measured 5,000-7,500) or a freshness median exceeds {@code -Dlikes.bench.max-lag-ms} (default 5,000).
 */
@LikesIntegrationTest
@EnabledIfSystemProperty(named = "likes.bench", matches = "true")
// The production batch size (the other tests use 500). Run this class alone: its own context joins the consumer group.
@TestPropertySource(properties = "spring.kafka.consumer.max-poll-records=1000")
class CountThroughputBenchmarkIT {

    private static final int EVENTS = Integer.getInteger("likes.bench.events", 50_000);
    private static final int RUNS = 3;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void measure() throws Exception {
        List<Double> uniform = new ArrayList<>();
        List<Double> hot = new ArrayList<>();
        warmUp();
        for (int run = 0; run < RUNS; run++) {
            uniform.add(eventsPerSecond(1_000));
            hot.add(eventsPerSecond(1));
        }
        List<Long> pgLag = new ArrayList<>();
        List<Long> redisLag = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long[] lag = freshness(2_000, 50);
            pgLag.add(lag[0]);
            redisLag.add(lag[1]);
        }
        List<Long> singlePg = new ArrayList<>();
        List<Long> singleRedis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long[] lag = freshness(1, 1);
            singlePg.add(lag[0]);
            singleRedis.add(lag[1]);
        }
        String report =
                """
                count-consumer benchmark, %d events per throughput run, %d runs, medians:
                  uniform (1000 posts): %.0f events/s  runs=%s
                  hot (1 post):         %.0f events/s  runs=%s
                  burst of 2000 events over 50 posts, last event acked -> all counts correct:
                    PostgreSQL %d ms runs=%s, Redis %d ms runs=%s
                  single like, acked -> correct: PostgreSQL %d ms runs=%s, Redis %d ms runs=%s
                """
                        .formatted(
                                EVENTS,
                                RUNS,
                                median(uniform),
                                rounded(uniform),
                                median(hot),
                                rounded(hot),
                                medianLong(pgLag),
                                pgLag,
                                medianLong(redisLag),
                                redisLag,
                                medianLong(singlePg),
                                singlePg,
                                medianLong(singleRedis),
                                singleRedis);
        System.out.println(report);
        Files.writeString(
                Path.of("target", "benchmark.txt"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        double minRate = Double.parseDouble(System.getProperty("likes.bench.min-events-per-second", "1000"));
        long maxLagMs = Long.getLong("likes.bench.max-lag-ms", 5_000);
        assertThat(median(uniform)).as("uniform events/s").isGreaterThanOrEqualTo(minRate);
        assertThat(median(hot)).as("hot-post events/s").isGreaterThanOrEqualTo(minRate);
        assertThat(List.of(medianLong(pgLag), medianLong(redisLag), medianLong(singlePg), medianLong(singleRedis)))
                .as("freshness medians in ms")
                .allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(maxLagMs));
    }

    private void warmUp() throws SQLException {
        String prefix = "warm-" + UUID.randomUUID().toString().substring(0, 8);
        List<LikeEvent> events = events(prefix, 10, 2_000);
        publish(events);
        waitForTotal(prefix, events.size());
    }

    /** Pre-loads the events while the consumer is paused, then times it from resume until all are counted. */
    private double eventsPerSecond(int posts) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<LikeEvent> events = events(prefix, posts, EVENTS);
        var container = listeners.getListenerContainer("count-consumer");
        container.pause();
        try {
            publish(events);
        } finally {
            container.resume();
        }
        long start = System.nanoTime();
        waitForTotal(prefix, events.size());
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Publishes a burst with the consumer running; ms from the last ack to correct counts in PostgreSQL and Redis. */
    private long[] freshness(int count, int posts) throws SQLException {
        String prefix = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        List<LikeEvent> events = events(prefix, posts, count);
        publish(events);
        long acked = System.nanoTime();
        waitForTotal(prefix, count);
        long pg = System.nanoTime();
        String perPost = String.valueOf(count / posts);
        List<String> keys = new ArrayList<>(posts);
        for (int p = 0; p < posts; p++) {
            keys.add("post:" + prefix + "-" + p + ":like_count");
        }
        await().atMost(Duration.ofMinutes(1))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> redis.opsForValue().multiGet(keys).stream().allMatch(perPost::equals));
        long cached = System.nanoTime();
        return new long[] {(pg - acked) / 1_000_000, (cached - acked) / 1_000_000};
    }

    private static List<LikeEvent> events(String prefix, int posts, int count) {
        List<LikeEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(LikeEventType.LIKED, prefix + "-" + (i % posts), "user" + i));
        }
        return events;
    }

    /** Polls every 5 ms on one connection, so the measuring itself takes little of the machine's two cores. */
    private static void waitForTotal(String prefix, long expected) throws SQLException {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(like_count), 0) FROM counts.post_counts WHERE post_id LIKE ?")) {
            s.setString(1, prefix + "-%");
            await().atMost(Duration.ofMinutes(5))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        try (ResultSet rs = s.executeQuery()) {
                            return rs.next() && rs.getLong(1) == expected;
                        }
                    });
        }
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static long medianLong(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }
}
