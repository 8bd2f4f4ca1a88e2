package dev.likes.counts.reconciliation;

import dev.likes.counts.cache.CountCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the counts of recently touched posts with the number of like rows and repairs the ones that drifted.
 *
 * <p>Only settled posts are checked (count unchanged for {@code settle}, no event of the post parked for retry), since
 * a count that is merely behind its in-flight events is not wrong. Each repair re-counts inside its own transaction and
 * changes the row only if it still holds the value seen, so a batch committed in between is never overwritten. The
 * number of drifted posts of the last run is the gauge {@code likes.counts.reconciliation.drift}: zero in a healthy
 * system. Limitation: a post whose events are all still in the like API's outbox (Kafka down longer than {@code
 * settle}) can be "repaired" early and then counted again when they arrive; the next run repairs that too.
 */
@Component
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CountCache cache;
    private final ReconciliationProperties properties;
    private final AtomicLong drift = new AtomicLong();
    private final Counter repairs;

    Reconciliation(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            CountCache cache,
            ReconciliationProperties properties,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cache = cache;
        this.properties = properties;
        Gauge.builder("likes.counts.reconciliation.drift", drift, AtomicLong::get)
                .description("Posts whose count differed from their like rows in the last reconciliation run")
                .register(registry);
        this.repairs = Counter.builder("likes.counts.reconciliation.repairs")
                .description("Counts reconciliation set to the number of like rows")
                .register(registry);
    }

    /** One run. Synchronized: the schedule and the operator trigger never run it twice at once here. */
    synchronized RunReport run() {
        Instant now = Instant.now();
        List<Drifted> drifted = jdbc
                .sql(
                        """
                        SELECT c.post_id, c.like_count, r.actual
                        FROM post_counts c
                        CROSS JOIN LATERAL (SELECT count(*) AS actual FROM %s l WHERE l.post_id = c.post_id) r
                        WHERE c.updated_at >= ? AND c.updated_at <= ?
                          AND NOT EXISTS (SELECT 1 FROM count_events e
                                          WHERE e.post_id = c.post_id AND e.status IN ('PENDING', 'RETRYING'))
                        ORDER BY c.updated_at DESC
                        LIMIT ?
                        """
                                .formatted(properties.likesTable()))
                .params(
                        Timestamp.from(now.minus(properties.window())),
                        Timestamp.from(now.minus(properties.settle())),
                        properties.maxPosts())
                .query((rs, i) -> new Drifted(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list()
                .stream()
                .filter(d -> d.counted() != d.actual())
                .toList();
        drift.set(drifted.size());
        Map<String, Long> repaired = new HashMap<>();
        for (Drifted d : drifted) {
            Long fixed = transaction.execute(status -> repair(d));
            if (fixed != null) {
                repaired.put(d.postId(), fixed);
                repairs.increment();
                log.atWarn()
                        .addKeyValue("postId", d.postId())
                        .addKeyValue("counted", d.counted())
                        .addKeyValue("likeRows", fixed)
                        .log("like count drifted from the like rows; repaired");
            }
        }
        cache.write(repaired);
        if (!drifted.isEmpty() || log.isDebugEnabled()) {
            log.atInfo()
                    .addKeyValue("drifted", drifted.size())
                    .addKeyValue("repaired", repaired.size())
                    .log("reconciliation run finished");
        }
        return new RunReport(drifted.size(), repaired.size());
    }

    private Long repair(Drifted d) {
        long actual = jdbc.sql("SELECT count(*) FROM %s WHERE post_id = ?".formatted(properties.likesTable()))
                .param(d.postId())
                .query(Long.class)
                .single();
        int updated = jdbc.sql(
                        "UPDATE post_counts SET like_count = ?, updated_at = now() WHERE post_id = ? AND like_count = ?")
                .params(actual, d.postId(), d.counted())
                .update();
        return updated == 1 ? actual : null;
    }

    private record Drifted(String postId, long counted, long actual) {}

    /**
     * @param drifted posts whose count differed from their like rows
     * @param repaired posts set to their number of like rows
     */
    record RunReport(int drifted, int repaired) {}
}
