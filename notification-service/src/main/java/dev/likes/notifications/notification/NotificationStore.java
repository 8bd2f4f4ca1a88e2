package dev.likes.notifications.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Every statement on the {@code notifications} and {@code notification_actions} tables.
 *
 * <p>The write statements take a whole batch: each binds typed arrays ({@code text[]}, {@code int4[]}, {@code int8[]})
 * and reads them with {@code unnest}, so a batch of 500 events costs a handful of round trips instead of 2,000, and the
 * server parses no text per row. Callers must not pass two rows with the same conflict key to one statement (an upsert
 * cannot change a row twice); {@link NotificationRecorder} splits a batch into rounds for that.
 */
@Component
class NotificationStore {

    static final String TYPE_POST_LIKED = "POST_LIKED";

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One like or unlike of an action key (post, actor), with the recipient it notifies and when the like API committed
     * it: of two changes of one key, the later one wins, whatever order they arrive in.
     */
    record Change(String postId, String actorId, String recipientId, Instant at) {}

    /**
     * A batch of {@link Change}s as rows {@code t(post_id, actor_id, recipient_id, at)}, bound by {@link #withChanges}.
     */
    private static final String CHANGES =
            """
            (SELECT post_id, actor_id, recipient_id, timestamptz 'epoch' + at_us * interval '1 microsecond' AS at
             FROM unnest(:postIds, :actorIds, :recipientIds, :ats) AS t(post_id, actor_id, recipient_id, at_us)) AS t""";

    /** An action key (post, actor). */
    record ActionKey(String postId, String actorId) {}

    /**
     * The likes of one batch round that join one (recipient, post) group.
     *
     * @param actorId the last of them, in order: the entry names the latest actor
     * @param firstAt when the first of them happened: the created_at of an entry they open
     * @param lastAt the latest of them
     */
    record GroupDelta(String recipientId, String postId, String actorId, int likes, Instant firstAt, Instant lastAt) {}

    /** The entry a group's likes went into, and whether they opened it. */
    record UpsertedEntry(long id, String recipientId, String postId, boolean inserted) {}

    /** An action taken back, and the entry it had counted in. */
    record Retraction(String postId, String actorId, long notificationId) {}

    /**
     * Claims the likes' action keys: a key not seen before, or one retracted by an earlier unlike, counts (again). A
     * like no later than the key's last change is stale: a redelivery, or a like whose unlike overtook it on the way.
     * A later like of a key that still stands (its unlike was lost to reordering, or the owner had already seen it)
     * counts no second time; it only becomes the key's last change.
     *
     * @param likes distinct action keys
     * @return the keys claimed now
     */
    Set<ActionKey> claimActions(List<Change> likes) {
        return new HashSet<>(withChanges(
                        """
                        INSERT INTO notification_actions (post_id, actor_id, recipient_id, acted_at, changed_at)
                        SELECT post_id, actor_id, recipient_id, at, at FROM %s
                        ON CONFLICT (post_id, actor_id) DO UPDATE
                            SET retracted = false,
                                changed_at = excluded.changed_at,
                                acted_at = CASE WHEN notification_actions.retracted THEN excluded.acted_at
                                                ELSE notification_actions.acted_at END,
                                recipient_id = CASE WHEN notification_actions.retracted THEN excluded.recipient_id
                                                    ELSE notification_actions.recipient_id END
                            WHERE notification_actions.changed_at < excluded.changed_at
                        RETURNING post_id, actor_id, acted_at = changed_at AS claimed
                        """,
                        likes)
                // A key claimed now took the like's time as both acted_at and changed_at; a standing key only moved
                // its changed_at past the acted_at of the like it counts.
                .query((rs, n) -> rs.getBoolean("claimed") ? new ActionKey(rs.getString(1), rs.getString(2)) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList());
    }

    /**
     * Adds each group's likes to its unread entry, opening one where the recipient has none for the post.
     *
     * @param groups distinct (recipient, post) groups
     */
    List<UpsertedEntry> addToGroups(List<GroupDelta> groups) {
        return jdbc.sql(
                        """
                        INSERT INTO notifications
                            (recipient_id, actor_id, type, post_id, actor_count, created_at, updated_at)
                        SELECT recipient_id, actor_id, :type, post_id, likes,
                               timestamptz 'epoch' + first_us * interval '1 microsecond',
                               timestamptz 'epoch' + last_us * interval '1 microsecond'
                        FROM unnest(:recipientIds, :actorIds, :postIds, :likes, :firstAts, :lastAts)
                            AS t(recipient_id, actor_id, post_id, likes, first_us, last_us)
                        ON CONFLICT (recipient_id, post_id, type) WHERE read_at IS NULL DO UPDATE
                            SET actor_count = notifications.actor_count + excluded.actor_count,
                                actor_id = excluded.actor_id,
                                updated_at = greatest(notifications.updated_at, excluded.updated_at)
                        RETURNING id, recipient_id, post_id, (xmax = 0) AS inserted
                        """)
                .param("type", TYPE_POST_LIKED)
                .param(
                        "recipientIds",
                        text(groups.stream().map(GroupDelta::recipientId).toList()))
                .param("actorIds", text(groups.stream().map(GroupDelta::actorId).toList()))
                .param("postIds", text(groups.stream().map(GroupDelta::postId).toList()))
                .param(
                        "likes",
                        new SqlArrayValue(
                                "int4", groups.stream().map(GroupDelta::likes).toArray()))
                .param(
                        "firstAts",
                        micros(groups.stream().map(GroupDelta::firstAt).toList()))
                .param("lastAts", micros(groups.stream().map(GroupDelta::lastAt).toList()))
                .query((rs, n) -> new UpsertedEntry(
                        rs.getLong("id"),
                        rs.getString("recipient_id"),
                        rs.getString("post_id"),
                        rs.getBoolean("inserted")))
                .list();
    }

    /** Remembers which entry each claimed action counted in, so its unlike can take exactly that back. */
    void linkActions(List<ActionKey> actions, List<Long> notificationIds) {
        jdbc.sql(
                        """
                        UPDATE notification_actions a SET notification_id = t.id
                        FROM unnest(:postIds, :actorIds, :ids) AS t(post_id, actor_id, id)
                        WHERE a.post_id = t.post_id AND a.actor_id = t.actor_id
                        """)
                .param("postIds", text(actions.stream().map(ActionKey::postId).toList()))
                .param("actorIds", text(actions.stream().map(ActionKey::actorId).toList()))
                .param("ids", new SqlArrayValue("int8", notificationIds.toArray()))
                .update();
    }

    /**
     * Takes back the actions that count in an unread entry, unless a later change of the key was applied already;
     * what the owner has already seen stays seen.
     *
     * @param unlikes distinct action keys
     */
    List<Retraction> retractActions(List<Change> unlikes) {
        return withChanges(
                        """
                        UPDATE notification_actions a SET retracted = true, changed_at = t.at
                        FROM %s, notifications n
                        WHERE a.post_id = t.post_id AND a.actor_id = t.actor_id AND NOT a.retracted
                          AND a.changed_at < t.at AND n.id = a.notification_id AND n.read_at IS NULL
                        RETURNING a.post_id, a.actor_id, a.notification_id
                        """,
                        unlikes)
                .query((rs, n) -> new Retraction(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /**
     * Records unlikes that took nothing back as their keys' last change: an unlike that overtook its like leaves a
     * retracted row, so the like arriving after it is stale; one of a like the owner has seen leaves it standing.
     *
     * @param unlikes distinct action keys, none of them retracted by {@link #retractActions} just now
     */
    void rememberUnlikes(List<Change> unlikes) {
        withChanges(
                        """
                        INSERT INTO notification_actions (post_id, actor_id, recipient_id, retracted, acted_at, changed_at)
                        SELECT post_id, actor_id, recipient_id, true, at, at FROM %s
                        ON CONFLICT (post_id, actor_id) DO UPDATE SET changed_at = excluded.changed_at
                            WHERE notification_actions.changed_at < excluded.changed_at
                        """,
                        unlikes)
                .update();
    }

    /** The statement, {@code %s} standing for {@link #CHANGES}, with the changes bound as its arrays. */
    private JdbcClient.StatementSpec withChanges(String sql, List<Change> changes) {
        return jdbc.sql(sql.formatted(CHANGES))
                .param("postIds", text(changes.stream().map(Change::postId).toList()))
                .param("actorIds", text(changes.stream().map(Change::actorId).toList()))
                .param(
                        "recipientIds",
                        text(changes.stream().map(Change::recipientId).toList()))
                .param("ats", micros(changes.stream().map(Change::at).toList()));
    }

    /**
     * Takes {@code removed[i]} actors out of entry {@code ids[i]}: an entry left with actors names the latest one still
     * standing, an entry left with none is deleted.
     *
     * @param ids distinct entry ids
     */
    void removeActors(List<Long> ids, List<Integer> removed) {
        var idArray = new SqlArrayValue("int8", ids.toArray());
        var removedArray = new SqlArrayValue("int4", removed.toArray());
        jdbc.sql(
                        """
                        DELETE FROM notifications n
                        USING unnest(:ids, :removed) AS t(id, removed)
                        WHERE n.id = t.id AND n.actor_count <= t.removed
                        """)
                .param("ids", idArray)
                .param("removed", removedArray)
                .update();
        jdbc.sql(
                        """
                        UPDATE notifications n SET actor_count = n.actor_count - t.removed,
                            actor_id = coalesce((SELECT a.actor_id FROM notification_actions a
                                                 WHERE a.notification_id = n.id AND NOT a.retracted
                                                 ORDER BY a.acted_at DESC LIMIT 1), n.actor_id)
                        FROM unnest(:ids, :removed) AS t(id, removed)
                        WHERE n.id = t.id
                        """)
                .param("ids", new SqlArrayValue("int8", ids.toArray()))
                .param("removed", new SqlArrayValue("int4", removed.toArray()))
                .update();
    }

    /** A page of the recipient's entries, newest activity first. */
    List<NotificationView> page(String recipientId, int page, int size) {
        return jdbc.sql(
                        """
                        SELECT id, type, post_id, actor_id, actor_count, created_at, updated_at, read_at
                        FROM notifications WHERE recipient_id = :recipientId
                        ORDER BY updated_at DESC, id DESC
                        LIMIT :size OFFSET :offset
                        """)
                .param("recipientId", recipientId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> view(rs))
                .list();
    }

    /** The recipient's entries: {total, unread}. */
    long[] totals(String recipientId) {
        return jdbc.sql(
                        """
                        SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
                        FROM notifications WHERE recipient_id = :recipientId
                        """)
                .param("recipientId", recipientId)
                .query((rs, n) -> new long[] {rs.getLong("total"), rs.getLong("unread")})
                .single();
    }

    /** Marks one of the recipient's entries read (again is fine); false when the recipient has no such entry. */
    boolean markRead(String recipientId, long id) {
        return jdbc.sql(
                                """
                        UPDATE notifications SET read_at = coalesce(read_at, now())
                        WHERE id = :id AND recipient_id = :recipientId
                        """)
                        .param("id", id)
                        .param("recipientId", recipientId)
                        .update()
                == 1;
    }

    /** Marks every unread entry of the recipient read; how many changed. */
    int markAllRead(String recipientId) {
        return jdbc.sql(
                        "UPDATE notifications SET read_at = now() WHERE recipient_id = :recipientId AND read_at IS NULL")
                .param("recipientId", recipientId)
                .update();
    }

    private static NotificationView view(ResultSet rs) throws SQLException {
        return NotificationView.of(
                rs.getLong("id"),
                rs.getString("type"),
                rs.getString("post_id"),
                rs.getString("actor_id"),
                rs.getInt("actor_count"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("read_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static SqlArrayValue text(Collection<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    /**
     * Instants as microseconds since the epoch ({@code int8[]}), PostgreSQL's own resolution: no time zone and no text
     * to parse, and {@code timestamptz 'epoch' + n * interval '1 microsecond'} turns each back exactly.
     */
    static SqlArrayValue micros(Collection<Instant> instants) {
        return new SqlArrayValue(
                "int8",
                instants.stream()
                        .map(at -> ChronoUnit.MICROS.between(Instant.EPOCH, at))
                        .toArray());
    }
}
