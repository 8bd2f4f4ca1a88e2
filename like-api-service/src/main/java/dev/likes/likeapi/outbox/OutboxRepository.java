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
 * <p>Each statement the relay repeats reaches its rows through the primary key {@code (lane, seq)} only, in order, and
 * binds typed arrays, so its cost per batch is the batch's, whatever the table's history: no missing analyze, no
 * lagging vacuum and no plan cached while the table was small can turn it into a scan of a lane or of the table.
 */
@Repository
class OutboxRepository {

    /** First key of the relay's advisory locks ("OUTB"); the second is the lane. */
    static final int LANE_LOCK_SPACE = 0x4F555442;

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
     * Takes the lane for the current transaction, or answers false at once when another relay has it. Also sets the
     * transaction up for the relay (see {@link #planForKeyAccess}).
     *
     * <p>The commit stays synchronous on purpose. An index entry of a deleted row is marked dead (and skipped by every
     * later read) only once the deleting commit is flushed; with asynchronous commit the next batch, read a few
     * milliseconds later, would step over the previous batches' entries again and again until the WAL writer caught up.
     */
    boolean tryLockLane(int lane) {
        return Boolean.TRUE.equals(jdbc.sql(
                        """
                        SELECT %s
                               AND pg_try_advisory_xact_lock(?, ?)
                        """
                                .formatted(KEY_ACCESS_ONLY))
                .params(LANE_LOCK_SPACE, lane)
                .query(Boolean.class)
                .single());
    }

    /**
     * Holds the current transaction's statements on the outbox to ordered scans of the primary key. Without
     * statistics (no analyze has run, as where autovacuum lags or is off) the planner takes {@code lane = ?} to match
     * a small share of a lane's partition when it matches every row, and then reads and sorts the whole lane for each
     * batch of 500 (a bitmap scan): the cost of a batch would grow with the backlog. The relay's access path is known:
     * the key, in order, from the lane's head.
     */
    void planForKeyAccess() {
        jdbc.sql("SELECT " + KEY_ACCESS_ONLY).query(Boolean.class).single();
    }

    private static final String KEY_ACCESS_ONLY =
            """
            set_config('enable_seqscan', 'off', true) IS NOT NULL
            AND set_config('enable_bitmapscan', 'off', true) IS NOT NULL""";

    /** The lane's oldest rows after {@code afterSeq}, in publication order. */
    List<OutboxRow> oldestInLane(int lane, long afterSeq, int limit) {
        return jdbc.sql(
                        """
                        SELECT seq, id, aggregate_id, event_type, topic, payload::text AS payload, trace_parent
                        FROM outbox WHERE lane = ? AND seq > ? ORDER BY seq LIMIT ?
                        """)
                .params(lane, afterSeq, limit)
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

    /**
     * Rows of lanes outside {@code [0, lanes)}: written before lanes existed, or under another lane count. Must run
     * inside a transaction that called {@link #planForKeyAccess}.
     */
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

    /**
     * The backlog of every lane after the given seq: rows counted up to {@code countCap} per lane, and the time the
     * oldest was written. Must run inside a transaction that called {@link #planForKeyAccess}.
     */
    Backlog backlog(long[] unpublishedAfter, int countCap) {
        Short[] laneNumbers = new Short[unpublishedAfter.length];
        Long[] after = new Long[unpublishedAfter.length];
        for (int lane = 0; lane < unpublishedAfter.length; lane++) {
            laneNumbers[lane] = (short) lane;
            after[lane] = unpublishedAfter[lane];
        }
        // Per lane through the primary key, from where its unpublished rows start, so the cost is bounded by the cap.
        return jdbc.sql(
                        """
                        SELECT count(*) AS pending, min(head.created_at) AS oldest
                        FROM unnest(?, ?) AS l(lane, after_seq)
                        CROSS JOIN LATERAL (
                            SELECT o.created_at FROM outbox o WHERE o.lane = l.lane AND o.seq > l.after_seq
                            ORDER BY o.seq LIMIT ?) head
                        """)
                .params(
                        new SqlArrayValue("int2", (Object[]) laneNumbers),
                        new SqlArrayValue("int8", (Object[]) after),
                        countCap)
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
