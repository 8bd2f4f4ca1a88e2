package dev.likes.counts.reconciliation;

import dev.likes.counts.cache.CountCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the counts of recently touched posts with the number of like rows and repairs the ones that drifted.
 *
 * <p>A count that is merely behind its events is not wrong, so a post is repaired only when none of its events can
 * still be on the way: its count unchanged for {@code settle}, no event of it parked for retry, none waiting in the
 * like API's outbox (the broker was down), and the count consumer group committed past the end of the post's
 * partition of {@code likes.events} as it stood after the rows were counted (the broker is back, the consumer has not
 * read everything yet). Repairing such a post would count those events twice once they arrive. The repair is one
 * statement that re-checks the outbox and the parked events and changes a row only if it still holds the value seen,
 * so a batch committed in between is never overwritten. The number of drifted posts of the last run is the gauge
 * {@code likes.counts.reconciliation.drift}: zero in a healthy system.
 */
@Component
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CountCache cache;
    private final ReconciliationProperties properties;
    private final TopicCatchUp topic;
    private final AtomicLong drift = new AtomicLong();
    private final Counter repairs;

    Reconciliation(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            CountCache cache,
            ReconciliationProperties properties,
            TopicCatchUp topic,
            MeterRegistry registry) {
        this.topic = topic;
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
                          AND NOT EXISTS (SELECT 1 FROM %s o WHERE o.aggregate_id = c.post_id)
                        ORDER BY c.updated_at DESC
                        LIMIT ?
                        """
                                .formatted(properties.likesTable(), properties.outboxTable()))
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
        Set<String> caughtUp = topic.caughtUp(
                drifted.stream().map(Drifted::postId).collect(Collectors.toSet()), properties.catchUpTimeout());
        List<Drifted> settled =
                drifted.stream().filter(d -> caughtUp.contains(d.postId())).toList();
        Map<String, Long> repaired = settled.isEmpty() ? Map.of() : repair(settled);
        for (Drifted d : settled) {
            if (repaired.containsKey(d.postId())) {
                repairs.increment();
                log.atWarn()
                        .addKeyValue("postId", d.postId())
                        .addKeyValue("counted", d.counted())
                        .addKeyValue("likeRows", d.actual())
                        .log("like count drifted from the like rows; repaired");
            }
        }
        cache.write(repaired);
        if (!drifted.isEmpty() || log.isDebugEnabled()) {
            log.atInfo()
                    .addKeyValue("drifted", drifted.size())
                    .addKeyValue("eventsOnTheWay", drifted.size() - settled.size())
                    .addKeyValue("repaired", repaired.size())
                    .log("reconciliation run finished");
        }
        return new RunReport(drifted.size(), repaired.size());
    }

    /**
     * Sets each post to the rows counted in the first snapshot, where it still holds the count seen then and still has
     * nothing in the outbox or parked: an event counted since changed the count (skipped, next run), and every like
     * row of that snapshot already had its event counted (the topic caught up past it).
     */
    private Map<String, Long> repair(List<Drifted> posts) {
        int n = posts.size();
        String[] ids = new String[n];
        Long[] counted = new Long[n];
        Long[] actual = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = posts.get(i).postId();
            counted[i] = posts.get(i).counted();
            actual[i] = posts.get(i).actual();
        }
        return transaction.execute(status -> jdbc
                .sql(
                        """
                        UPDATE post_counts c SET like_count = d.actual, updated_at = now()
                        FROM unnest(?::varchar[], ?::bigint[], ?::bigint[]) AS d(post_id, counted, actual)
                        WHERE c.post_id = d.post_id AND c.like_count = d.counted
                          AND NOT EXISTS (SELECT 1 FROM count_events e
                                          WHERE e.post_id = d.post_id AND e.status IN ('PENDING', 'RETRYING'))
                          AND NOT EXISTS (SELECT 1 FROM %s o WHERE o.aggregate_id = d.post_id)
                        RETURNING c.post_id, c.like_count
                        """
                                .formatted(properties.outboxTable()))
                .params(ids, counted, actual)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private record Drifted(String postId, long counted, long actual) {}

    /**
     * @param drifted posts whose count differed from their like rows
     * @param repaired posts set to their number of like rows
     */
    record RunReport(int drifted, int repaired) {}
}
