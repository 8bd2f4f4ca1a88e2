package dev.likes.counts.count;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the count tables. Multi-row statements over {@code unnest} arrays: a batch of any size costs one
 * statement for its dedupe rows and one for its counts. Rows are written in key order so two transactions touching
 * the same rows (two instances during a rebalance, the retrier, reconciliation) queue instead of deadlocking.
 * Callers own the transaction.
 */
@Repository
public class CountStore {

    private final JdbcClient jdbc;

    CountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the events as counted, skipping any whose eventId is already known (counted, parked or failed).
     *
     * <p>The row is written straight as SUCCESS: PENDING -> SUCCESS happens inside this transaction, which also
     * changes the count, so no reader ever sees it PENDING and a crash leaves either both or neither.
     *
     * @return the eventIds that were new, i.e. the events the caller must now count
     */
    public Set<UUID> recordCounted(List<LikeEvent> events) {
        CountStateMachine.transition(CountStatus.PENDING, CountStatus.SUCCESS);
        int n = events.size();
        String[] ids = new String[n];
        String[] posts = new String[n];
        String[] types = new String[n];
        String[] deltas = new String[n];
        for (int i = 0; i < n; i++) {
            LikeEvent e = events.get(i);
            ids[i] = e.eventId().toString();
            posts[i] = e.postId();
            types[i] = e.type().name();
            deltas[i] = String.valueOf(e.countDelta());
        }
        List<UUID> inserted = jdbc.sql(
                        """
                        INSERT INTO count_events (event_id, post_id, event_type, delta, status)
                        SELECT e.event_id, e.post_id, e.event_type, e.delta, 'SUCCESS'
                        FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::int[]) AS e(event_id, post_id, event_type, delta)
                        ORDER BY e.event_id
                        ON CONFLICT (event_id) DO NOTHING
                        RETURNING event_id
                        """)
                .params(ids, posts, types, deltas)
                .query(UUID.class)
                .list();
        return new HashSet<>(inserted);
    }

    /**
     * Adds each post's delta to its count with one multi-row upsert: one row change per post, however many events.
     *
     * @return the new absolute count of each post
     */
    public Map<String, Long> addToCounts(SortedMap<String, Long> deltaByPost) {
        if (deltaByPost.isEmpty()) {
            return Map.of();
        }
        String[] posts = deltaByPost.keySet().toArray(String[]::new);
        String[] deltas = deltaByPost.values().stream().map(String::valueOf).toArray(String[]::new);
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        INSERT INTO post_counts (post_id, like_count, updated_at)
                        SELECT p.post_id, p.delta, now()
                        FROM unnest(?::varchar[], ?::bigint[]) AS p(post_id, delta)
                        ORDER BY p.post_id
                        ON CONFLICT (post_id) DO UPDATE
                            SET like_count = post_counts.like_count + EXCLUDED.like_count, updated_at = EXCLUDED.updated_at
                        RETURNING post_id, like_count
                        """)
                .params(posts, deltas)
                .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /** Current counts of the given posts (absent: no row yet). */
    Map<String, Long> countsOf(Set<String> postIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT post_id, like_count FROM post_counts WHERE post_id = ANY (?::varchar[])")
                .param(postIds.toArray(String[]::new))
                .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /**
     * Parks an event that could not be counted: RETRYING, due after {@code nextAttemptAt}. Does nothing when the
     * eventId is already known (a redelivery of an event counted or parked before).
     *
     * @return whether a row was written
     */
    public boolean park(IncomingEvent incoming, String error, Instant nextAttemptAt) {
        CountStateMachine.transition(CountStatus.PENDING, CountStatus.RETRYING);
        LikeEvent e = incoming.event();
        return jdbc.sql(
                                """
                        INSERT INTO count_events (event_id, post_id, event_type, delta, status, retry_count, last_error,
                                                  payload, source_partition, source_offset, next_attempt_at)
                        VALUES (?, ?, ?, ?, 'RETRYING', 0, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                        .params(
                                e.eventId(),
                                e.postId(),
                                e.type().name(),
                                e.countDelta(),
                                error,
                                incoming.payload(),
                                incoming.partition(),
                                incoming.offset(),
                                Timestamp.from(nextAttemptAt))
                        .update()
                > 0;
    }

    /** RETRYING events whose next attempt is due, oldest first. */
    public List<UUID> dueRetries(int limit) {
        return jdbc.sql(
                        """
                        SELECT event_id FROM count_events
                        WHERE status = 'RETRYING' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT ?
                        """)
                .param(limit)
                .query(UUID.class)
                .list();
    }

    /** Locks an uncounted event; empty when it is counted, failed, unknown or locked by another instance. */
    public Optional<OpenEvent> lockOpen(UUID eventId) {
        return jdbc.sql(
                        """
                        SELECT event_id, post_id, event_type, delta, status, retry_count, payload,
                               source_partition, source_offset
                        FROM count_events
                        WHERE event_id = ? AND status IN ('PENDING', 'RETRYING')
                        FOR UPDATE SKIP LOCKED
                        """)
                .param(eventId)
                .query((rs, i) -> new OpenEvent(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        LikeEventType.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        CountStatus.valueOf(rs.getString(5)),
                        rs.getInt(6),
                        rs.getString(7),
                        (Integer) rs.getObject(8),
                        (Long) rs.getObject(9)))
                .optional();
    }

    /**
     * Moves an event's status, checked by the state machine and, against races, by the WHERE clause.
     *
     * @param nextAttemptAt when the retrier may try again; null unless {@code to} is RETRYING
     */
    public void move(
            UUID eventId, CountStatus from, CountStatus to, int retryCount, String error, Instant nextAttemptAt) {
        CountStateMachine.transition(from, to);
        int updated = jdbc.sql(
                        """
                        UPDATE count_events
                        SET status = ?, retry_count = ?, last_error = coalesce(?, last_error), next_attempt_at = ?,
                            payload = CASE WHEN ? = 'SUCCESS' THEN NULL ELSE payload END, updated_at = now()
                        WHERE event_id = ? AND status = ? AND status = ANY (?::varchar[])
                        """)
                .params(
                        to.name(),
                        retryCount,
                        error,
                        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                        to.name(),
                        eventId,
                        from.name(),
                        CountStateMachine.sourcesOf(to))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Count event " + eventId + " was not " + from + " any more");
        }
    }

    /** The status of a known event and whether a replay counted it, locked until the transaction ends. */
    public Optional<KnownEvent> lockKnown(UUID eventId) {
        return jdbc.sql("SELECT status, replayed_at IS NOT NULL FROM count_events WHERE event_id = ? FOR UPDATE")
                .param(eventId)
                .query((rs, i) -> new KnownEvent(CountStatus.valueOf(rs.getString(1)), rs.getBoolean(2)))
                .optional();
    }

    /** Records that a replay counted a FAILED event; FAILED stays, so its history is kept. */
    public boolean markReplayed(UUID eventId) {
        return jdbc.sql(
                                """
                        UPDATE count_events SET replayed_at = now(), updated_at = now()
                        WHERE event_id = ? AND status = 'FAILED' AND replayed_at IS NULL
                        """)
                        .param(eventId)
                        .update()
                == 1;
    }

    /** Deletes up to {@code chunk} SUCCESS rows created before {@code cutoff}. FAILED rows are the audit trail: kept. */
    int pruneSucceeded(Instant cutoff, int chunk) {
        return jdbc.sql(
                        """
                        DELETE FROM count_events WHERE event_id IN (
                            SELECT event_id FROM count_events WHERE created_at < ? AND status = 'SUCCESS' LIMIT ?)
                        """)
                .params(Timestamp.from(cutoff), chunk)
                .update();
    }

    /** What a replay needs to know about an event already in count_events. */
    public record KnownEvent(CountStatus status, boolean replayed) {}
}
