package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Measures notification events stored per second from a pre-loaded topic: the listener is stopped, N events are
 * published, the listener is started and the clock runs until the last one is processed. Off by default, behind the
 * suite's one benchmark flag; run with {@code ./mvnw -B -pl notification-service -am verify -Dlikes.bench=true
 * -Dit.test=NotificationThroughputIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false}. It fails when the median
 * falls below {@code -Dlikes.bench.min-notifications-per-second} (default 100, far below this machine's figure, so
 * only a real regression trips it).
 */
@EnabledIfSystemProperty(named = "likes.bench", matches = "true")
class NotificationThroughputIT extends NotificationIntegrationSupport {

    private static final int EVENTS = Integer.getInteger("likes.bench.events", 5_000);
    private static final int RUNS = 3;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private long processedFor(String owner) {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(actor_count), 0) FROM notifications WHERE recipient_id = :owner
                        """)
                .param("owner", owner)
                .query(Long.class)
                .single();
    }

    @Test
    void storesNotificationsFromAPreloadedTopic() {
        var container = listeners.getListenerContainer("notifications");
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String owner = randomId("bench-owner");
            container.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> !container.isRunning());
            // 100 posts of one owner, 50 likers each: half the events open a group, the rest join one.
            for (int i = 0; i < EVENTS; i++) {
                publish(Topics.NOTIFY_OWNER, like(owner + "-post-" + (i % 100), owner, "fan-" + i));
            }
            long started = System.nanoTime();
            container.start();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> processedFor(owner) == EVENTS);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = EVENTS / seconds;
            rates.add(rate);
            System.out.printf(
                    "BENCH run %d: %d events in %.2f s = %.0f notifications/s%n", run + 1, EVENTS, seconds, rate);
        }
        Collections.sort(rates);
        System.out.printf(
                "BENCH median of %d runs: %.0f notifications/s (runs %s)%n", RUNS, rates.get(RUNS / 2), rates);
        double floor = Double.parseDouble(System.getProperty("likes.bench.min-notifications-per-second", "100"));
        assertThat(rates.get(RUNS / 2))
                .as("median notifications/s (floor: -Dlikes.bench.min-notifications-per-second)")
                .isGreaterThanOrEqualTo(floor);
    }
}
