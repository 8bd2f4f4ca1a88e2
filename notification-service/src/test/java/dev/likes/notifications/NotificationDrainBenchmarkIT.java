package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.notifications.push.FcmStandIn;
import dev.likes.testsupport.DrainBenchmark;
import dev.likes.testsupport.LikeTraffic;
import dev.likes.testsupport.LikesInfrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast notification-service catches up on a backlog of both its topics: {@code likes.notify-owner} and {@code
 * likes.push} are filled with what the orchestrator publishes for realistic likes, then the real service starts (push
 * on, through the real firebase-admin SDK to the FCM stand-in), and each listener's clock runs until its group has
 * committed every offset. Then every (owner, post) entry must count exactly the likes still standing, every push event
 * must be claimed once, and every post liked by someone else must have had its push. Run alone (another context in the
 * JVM would join the groups):
 *
 * <pre>
 * ./mvnw -B -pl notification-service -am verify -Dlikes.bench=true -Dit.test=NotificationDrainBenchmarkIT \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false [-Dlikes.bench.events=200000 -Dlikes.bench.floor=5000]
 * </pre>
 */
@EnabledIfSystemProperty(named = DrainBenchmark.FLAG, matches = "true")
class NotificationDrainBenchmarkIT {

    private static final String NOTIFY_GROUP = "notification-service";
    private static final String PUSH_GROUP = "notification-service-push";

    @Test
    void drainsBothTopicsAtLeastAtTheFloorRateAndAppliesEveryEventExactlyOnce() throws Exception {
        int events = DrainBenchmark.events();
        List<Double> notifyRates = new ArrayList<>();
        List<Double> pushRates = new ArrayList<>();
        try (var bench = new DrainBenchmark();
                var fcm = FcmStandIn.start()) {
            Path account = fcm.writeServiceAccount(Path.of(System.getProperty("java.io.tmpdir")), "likes-bench");
            bench.createTopics(Topics.NOTIFY_OWNER, Topics.PUSH);
            if (DrainBenchmark.warmUpEvents() > 0) {
                double[] rates = run(bench, fcm, account, DrainBenchmark.warmUpEvents());
                System.out.printf(
                        "DRAIN warm-up: notify-owner %.0f events/s, push %.0f events/s%n", rates[0], rates[1]);
            }
            for (int run = 0; run < DrainBenchmark.runs(); run++) {
                double[] rates = run(bench, fcm, account, events);
                System.out.printf(
                        "DRAIN run %d: notify-owner %.0f events/s, push %.0f events/s%n", run + 1, rates[0], rates[1]);
                notifyRates.add(rates[0]);
                pushRates.add(rates[1]);
            }
        }
        double notify = DrainBenchmark.report("notification-service likes.notify-owner", events, notifyRates);
        double push = DrainBenchmark.report("notification-service likes.push", events, pushRates);
        assertThat(notify).isGreaterThanOrEqualTo(DrainBenchmark.floor());
        assertThat(push).isGreaterThanOrEqualTo(DrainBenchmark.floor());
    }

    private static double[] run(DrainBenchmark bench, FcmStandIn fcm, Path account, int events) throws SQLException {
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8);
        var traffic = LikeTraffic.generate(prefix, 2_000, events, prefix.hashCode());
        var notify = traffic.fanOutRecords(Topics.NOTIFY_OWNER);
        var push = traffic.fanOutRecords(Topics.PUSH);
        bench.fill(notify);
        bench.fill(push);
        long claimedBefore = claimedPushes();
        int sendsBefore = fcm.sends().size();
        try (var context = DrainBenchmark.startService(
                NotificationApplication.class,
                "likes.push.service-account-path=" + account,
                "likes.push.fcm-url=" + fcm.url())) {
            Map<String, Double> seconds = bench.drain(
                    Map.of(NOTIFY_GROUP, List.of(Topics.NOTIFY_OWNER), PUSH_GROUP, List.of(Topics.PUSH)),
                    () -> DrainBenchmark.startListeners(context),
                    Duration.ofMinutes(15));

            assertThat(entriesOf(prefix)).isEqualTo(expectedEntries(traffic.fannedOutTo(Topics.NOTIFY_OWNER)));
            assertThat(claimedPushes() - claimedBefore).isEqualTo(push.size());
            Set<String> pushedPosts = new HashSet<>();
            fcm.sends()
                    .subList(sendsBefore, fcm.sends().size())
                    .forEach(send -> pushedPosts.add(
                            send.message().path("data").path("postId").asText()));
            Set<String> liked = new HashSet<>();
            traffic.fannedOutTo(Topics.PUSH).forEach(e -> liked.add(e.postId()));
            // The collapse window holds a post's later likes back, but its first like always pushes.
            assertThat(pushedPosts).containsAll(liked);
            return new double[] {notify.size() / seconds.get(NOTIFY_GROUP), push.size() / seconds.get(PUSH_GROUP)};
        }
    }

    /** Per post, the owner's unread entry counts the likes by others still standing; none when none stands. */
    private static Map<String, Integer> expectedEntries(List<LikeEvent> events) {
        Map<String, Integer> standing = new HashMap<>();
        for (LikeEvent event : events) {
            standing.merge(event.postId(), event.countDelta(), Integer::sum);
        }
        standing.values().removeIf(n -> n == 0);
        return standing;
    }

    private static Map<String, Integer> entriesOf(String prefix) throws SQLException {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT post_id, actor_count FROM notifications.notifications WHERE post_id LIKE ?")) {
            s.setString(1, prefix + "-%");
            Map<String, Integer> entries = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(entries.put(rs.getString(1), rs.getInt(2)))
                            .as("one entry per post")
                            .isNull();
                }
            }
            return entries;
        }
    }

    private static long claimedPushes() throws SQLException {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM notifications.processed_events WHERE consumer = 'push'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // Before the first start Flyway has not created the schema: nothing is claimed yet.
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
