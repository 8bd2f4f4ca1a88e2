package dev.likes.notifications.push;

import dev.likes.notifications.messaging.ProcessedEvents;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Every statement on {@code push_windows}, and the push listener's rows of {@code processed_events}: what makes a push
 * at most once (the eventId is claimed before FCM is called) and at most one per (owner, post) per collapse window.
 * The claims take a whole batch, binding typed arrays read with {@code unnest}: one round trip per batch, not per event.
 */
@Component
class PushClaims {

    private static final String CONSUMER = "push";

    private final JdbcClient jdbc;
    private final ProcessedEvents processedEvents;

    PushClaims(JdbcClient jdbc, ProcessedEvents processedEvents) {
        this.jdbc = jdbc;
        this.processedEvents = processedEvents;
    }

    /** The collapse window of one (owner, post). */
    record Window(String recipientId, String postId) {}

    /**
     * Records the eventIds as seen.
     *
     * @return those seen for the first time now; the others were handled before and must not push again
     */
    Set<UUID> firstDeliveries(List<UUID> eventIds) {
        return processedEvents.firstDeliveries(CONSUMER, eventIds);
    }

    /**
     * Takes each window that is free (none, or expired), atomically across instances.
     *
     * @param windows distinct windows
     * @return the windows taken now: a like of each may push; the others collapse into the push already sent
     */
    Set<Window> claimWindows(List<Window> windows, Duration collapseWindow) {
        return new HashSet<>(jdbc.sql(
                        """
                        INSERT INTO push_windows (recipient_id, post_id, window_started_at)
                        SELECT recipient_id, post_id, now()
                        FROM unnest(:recipientIds, :postIds) AS t(recipient_id, post_id)
                        ON CONFLICT (recipient_id, post_id) DO UPDATE
                            SET window_started_at = excluded.window_started_at
                            WHERE push_windows.window_started_at
                                  <= excluded.window_started_at - make_interval(secs => :windowSeconds)
                        RETURNING recipient_id, post_id
                        """)
                .param(
                        "recipientIds",
                        text(windows.stream().map(Window::recipientId).toList()))
                .param("postIds", text(windows.stream().map(Window::postId).toList()))
                .param("windowSeconds", collapseWindow.toMillis() / 1000.0)
                .query((rs, n) -> new Window(rs.getString(1), rs.getString(2)))
                .list());
    }

    /** Gives a window back after its push failed, so the next like may try again. */
    void release(Window window) {
        jdbc.sql("DELETE FROM push_windows WHERE recipient_id = :recipientId AND post_id = :postId")
                .param("recipientId", window.recipientId())
                .param("postId", window.postId())
                .update();
    }

    private static SqlArrayValue text(List<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }
}
