package dev.likes.likeapi.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as gauges, refreshed on a schedule rather than per scrape so that many scrapers cost one cheap
 * query (on the partial index of unsent rows) every few seconds. A growing backlog or an old oldest row means
 * likes are accepted but not reaching Kafka.
 */
@Component
class OutboxMetrics {

    private final JdbcClient jdbc;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    OutboxMetrics(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("likes.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
        Gauge.builder("likes.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${likes.outbox.metrics-interval:5s}")
    void refresh() {
        jdbc.sql(
                        """
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest
                        FROM outbox WHERE sent_at IS NULL
                        """)
                .query((rs, row) -> {
                    pending.set(rs.getLong("pending"));
                    oldestAgeSeconds.set(rs.getLong("oldest"));
                    return null;
                })
                .list();
    }
}
