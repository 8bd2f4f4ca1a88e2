package dev.likes.likeapi.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Every statement on the {@code outbox} table.
 *
 * <p>Each statement the relay repeats reaches its rows through the primary key {@code (lane, seq)} only, and binds
 * typed arrays, so its cost per batch is the batch's, whatever the table's history: no analyze, no vacuum and no
 * plan cached while the table was small can turn it into a scan of the table.
 */
@Repository
class OutboxRepository {

    /** First key of the relay's advisory locks ("OUTB"); the second is the lane. */
    private static final int LANE_LOCK_SPACE = 0x4F555442;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row to insert. */
    record NewRow(
            UUID id, int lane, String postId, String eventType, String topic, String payload, String traceParent) {}

    /** Inserts the rows with one statement; their seq follows the list's order. */
    void insertAll(List<NewRow> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        Short[] lanes = new Short[n];
        String[] postIds = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        String[] payloads = new String[n];
        String[] traceParents = new String[n];
        for (int i = 0; i < n; i++) {
            NewRow row = rows.get(i);
            ids[i] = row.id();
            lanes[i] = (short) row.lane();
            postIds[i] = row.postId();
            types[i] = row.eventType();
            topics[i] = row.topic();
            payloads[i] = row.payload();
            traceParents[i] = row.traceParent();
        }
        // WITH ORDINALITY keeps the given order in seq, which is the order the relay publishes a lane in.
        jdbc.sql(
                        """
                        INSERT INTO outbox (id, lane, aggregate_id, event_type, topic, payload, trace_parent)
                        SELECT e.id, e.lane, e.post_id, e.event_type, e.topic, e.payload::jsonb, e.trace_parent
                        FROM unnest(?, ?, ?, ?, ?, ?, ?)
                             WITH ORDINALITY AS e(id, lane, post_id, event_type, topic, payload, trace_parent, position)
                        ORDER BY e.position
                        """)
                .params(
                        new SqlArrayValue("uuid", (Object[]) ids),
                        new SqlArrayValue("int2", (Object[]) lanes),
                        new SqlArrayValue("text", (Object[]) postIds),
                        new SqlArrayValue("text", (Object[]) types),
                        new SqlArrayValue("text", (Object[]) topics),
                        new SqlArrayValue("text", (Object[]) payloads),
                        new SqlArrayValue("text", (Object[]) traceParents))
                .update();
    }

    /**
     * Takes the lane for the current transaction, or answers false at once when another relay has it. Also plans the
     * transaction's statements for the table as it is now: a generic plan cached on an empty table would otherwise be
     * kept however large the backlog grows.
     */
    boolean tryLockLane(int lane) {
        return Boolean.TRUE.equals(jdbc.sql(
                        """
                        SELECT set_config('plan_cache_mode', 'force_custom_plan', true) IS NOT NULL
                               AND pg_try_advisory_xact_lock(?, ?)
                        """)
                .params(LANE_LOCK_SPACE, lane)
                .query(Boolean.class)
                .single());
    }

    /** The lane's oldest rows, in publication order. */
    List<OutboxRow> oldestInLane(int lane, int limit) {
        return jdbc.sql(
                        """
                        SELECT seq, id, aggregate_id, event_type, topic, payload::text AS payload, trace_parent
                        FROM outbox WHERE lane = ? ORDER BY seq LIMIT ?
                        """)
                .params(lane, limit)
                // Mapped by hand: the record mapper looks up each camelCase name first and the driver answers every
                // miss with an exception.
                .query((rs, rowNum) -> new OutboxRow(
                        rs.getLong("seq"),
                        rs.getObject("id", UUID.class),
                        rs.getString("aggregate_id"),
                        rs.getString("event_type"),
                        rs.getString("topic"),
                        rs.getString("payload"),
                        rs.getString("trace_parent")))
                .list();
    }

    /** Deletes published rows of a lane: one index probe per row. */
    int deleteAll(int lane, long[] seqs) {
        Long[] boxed = new Long[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            boxed[i] = seqs[i];
        }
        return jdbc.sql("DELETE FROM outbox WHERE lane = ? AND seq = ANY (?)")
                .params((short) lane, new SqlArrayValue("int8", (Object[]) boxed))
                .update();
    }

    /** A row whose lane is not one of the current lanes, with the post it belongs to. */
    record Misplaced(int lane, long seq, String postId) {}

    /** Rows of lanes outside {@code [0, lanes)}: written before lanes existed, or under another lane count. */
    List<Misplaced> misplaced(int lanes, int limit) {
        return jdbc.sql(
                        """
                        (SELECT lane, seq, aggregate_id FROM outbox WHERE lane < 0 ORDER BY lane, seq LIMIT ?)
                        UNION ALL
                        (SELECT lane, seq, aggregate_id FROM outbox WHERE lane >= ? ORDER BY lane, seq LIMIT ?)
                        """)
                .params(limit, lanes, limit)
                .query((rs, rowNum) ->
                        new Misplaced(rs.getInt("lane"), rs.getLong("seq"), rs.getString("aggregate_id")))
                .list();
    }

    /** Moves rows to new lanes; each keeps its seq, so its place in the new lane's order is its creation order. */
    void moveAll(List<Misplaced> rows, OutboxLanes lanes) {
        int n = rows.size();
        Short[] from = new Short[n];
        Long[] seqs = new Long[n];
        Short[] to = new Short[n];
        for (int i = 0; i < n; i++) {
            from[i] = (short) rows.get(i).lane();
            seqs[i] = rows.get(i).seq();
            to[i] = (short) lanes.of(rows.get(i).postId());
        }
        jdbc.sql(
                        """
                        UPDATE outbox o SET lane = m.to_lane
                        FROM unnest(?, ?, ?) AS m(from_lane, seq, to_lane)
                        WHERE o.lane = m.from_lane AND o.seq = m.seq
                        """)
                .params(
                        new SqlArrayValue("int2", (Object[]) from),
                        new SqlArrayValue("int8", (Object[]) seqs),
                        new SqlArrayValue("int2", (Object[]) to))
                .update();
    }

    /** The backlog: rows counted up to {@code countCap} per lane, and the time the oldest was written. */
    record Backlog(long pending, Instant oldestCreatedAt) {

        Duration oldestAge(Instant now) {
            return oldestCreatedAt == null ? Duration.ZERO : Duration.between(oldestCreatedAt, now);
        }
    }

    Backlog backlog(int lanes, int countCap) {
        // Per lane through the primary key, so the cost is bounded by the cap, not by the table.
        return jdbc.sql(
                        """
                        SELECT count(*) AS pending, min(head.created_at) AS oldest
                        FROM generate_series(0, ? - 1) AS l(lane)
                        CROSS JOIN LATERAL (
                            SELECT o.created_at FROM outbox o WHERE o.lane = l.lane ORDER BY o.seq LIMIT ?) head
                        """)
                .params(lanes, countCap)
                .query((rs, rowNum) -> {
                    var oldest = rs.getTimestamp("oldest");
                    return new Backlog(rs.getLong("pending"), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    /**
     * Reclaims the space and index entries of published rows. Rows are deleted as they are published, and without
     * this the lane heads would fill with dead index entries that every read has to step over until an autovacuum
     * comes, which may lag or be off. Skipped when another session is vacuuming the table already.
     */
    void vacuum() {
        jdbc.sql("VACUUM (SKIP_LOCKED, INDEX_CLEANUP ON) outbox").update();
    }
}
