package dev.likes.notifications.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in user's side: every query is scoped by recipient, so no id can reach another user's entries. */
@Component
class NotificationInbox {

    private final JdbcClient jdbc;

    NotificationInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    NotificationPage page(String recipientId, int page, int size) {
        List<NotificationView> items = jdbc.sql(
                        """
                        SELECT id, type, post_id, actor_id, actor_count, created_at, updated_at, read_at
                        FROM notifications WHERE recipient_id = :recipientId
                        ORDER BY updated_at DESC, id DESC
                        LIMIT :size OFFSET :offset
                        """)
                .param("recipientId", recipientId)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> NotificationView.of(
                        rs.getLong("id"),
                        rs.getString("type"),
                        rs.getString("post_id"),
                        rs.getString("actor_id"),
                        rs.getInt("actor_count"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at")),
                        instant(rs.getTimestamp("read_at"))))
                .list();
        var counts = jdbc.sql(
                        """
                        SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
                        FROM notifications WHERE recipient_id = :recipientId
                        """)
                .param("recipientId", recipientId)
                .query((rs, n) -> new long[] {rs.getLong("total"), rs.getLong("unread")})
                .single();
        return new NotificationPage(items, page, size, counts[0], counts[1]);
    }

    /** Marks one entry read; reading it twice is fine, someone else's entry is not found. */
    @Transactional
    void markRead(String recipientId, long id) {
        int mine = jdbc.sql(
                        """
                        UPDATE notifications SET read_at = coalesce(read_at, now())
                        WHERE id = :id AND recipient_id = :recipientId
                        """)
                .param("id", id)
                .param("recipientId", recipientId)
                .update();
        if (mine == 0) {
            throw new NotificationNotFound(id);
        }
    }

    /** Marks every unread entry read and says how many changed. */
    @Transactional
    int markAllRead(String recipientId) {
        return jdbc.sql(
                        "UPDATE notifications SET read_at = now() WHERE recipient_id = :recipientId AND read_at IS NULL")
                .param("recipientId", recipientId)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
