package dev.likes.notifications.notification;

import dev.likes.events.LikeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns owner-notification events into entries, exactly once per like. Two keys make redelivery harmless: the
 * eventId (the same record delivered again) and the action key (post, actor) (the same like reaching us in another
 * event). While the owner has an unread entry for a post, further likes join it instead of adding rows.
 */
@Component
class NotificationRecorder {

    static final String TYPE_POST_LIKED = "POST_LIKED";
    private static final String CONSUMER = "notifications";
    private static final Logger log = LoggerFactory.getLogger(NotificationRecorder.class);

    enum Outcome {
        SINGLE,
        GROUPED,
        RETRACTED,
        DUPLICATE,
        IGNORED
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Counter single;
    private final Counter grouped;
    private final Counter retracted;

    NotificationRecorder(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.single = stored(meters, "single");
        this.grouped = stored(meters, "grouped");
        this.retracted = stored(meters, "retracted");
    }

    private static Counter stored(MeterRegistry meters, String kind) {
        return Counter.builder("likes.notifications.stored")
                .description("Notification changes stored: a new entry, a like joining a group, an unlike retracted")
                .tag("kind", kind)
                .register(meters);
    }

    /**
     * Applies a batch in ONE transaction: one commit (one WAL flush) for hundreds of events is what lets a viral
     * post's likes keep up. If event {@code i} fails, the batch is rolled back, events before it are applied again in
     * a fresh transaction (deterministic: same keys, same result) and the failure names {@code i}, so the container
     * commits up to it and retries or dead-letters exactly that record.
     *
     * @return per event, in order, what became of it
     * @throws EventFailed naming the failed event and carrying the committed outcomes of the events before it
     */
    List<Outcome> recordAll(List<LikeEvent> events) {
        try {
            return counted(transactions.execute(status -> applyAll(events)));
        } catch (EventFailed failed) {
            var before = events.subList(0, failed.index);
            throw failed.after(counted(transactions.execute(status -> applyAll(before))));
        }
    }

    private List<Outcome> applyAll(List<LikeEvent> events) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                outcomes.add(apply(events.get(i)));
            } catch (RuntimeException e) {
                throw new EventFailed(i, e);
            }
        }
        return outcomes;
    }

    private List<Outcome> counted(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            switch (outcome) {
                case SINGLE -> single.increment();
                case GROUPED -> grouped.increment();
                case RETRACTED -> retracted.increment();
                default -> {}
            }
        }
        return outcomes;
    }

    private Outcome apply(LikeEvent event) {
        if (event == null) {
            // A record that could not be deserialized: retrying cannot fix it.
            throw new IllegalArgumentException("not a LikeEvent");
        }
        if (event.postOwnerId() == null || event.isSelfLike()) {
            // The orchestrator filters these; a stray one still must not notify anybody.
            return Outcome.IGNORED;
        }
        boolean firstDelivery = jdbc.sql(
                                "INSERT INTO processed_events (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
                        .param("consumer", CONSUMER)
                        .param("eventId", event.eventId())
                        .update()
                == 1;
        if (!firstDelivery) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome =
                switch (event.type()) {
                    case LIKED -> liked(event);
                    case UNLIKED -> unliked(event);
                };
        log.atDebug()
                .addKeyValue("eventId", event.eventId())
                .addKeyValue("postId", event.postId())
                .addKeyValue("outcome", outcome)
                .log("notification event applied");
        return outcome;
    }

    /** The event at {@code index} of a batch failed; carries the cause for the container's error handler. */
    static final class EventFailed extends RuntimeException {

        final int index;

        /** The outcomes of the events before {@link #index}, committed without it. */
        final List<Outcome> appliedBefore;

        EventFailed(int index, RuntimeException cause) {
            this(index, cause, List.of());
        }

        private EventFailed(int index, Throwable cause, List<Outcome> appliedBefore) {
            super("event " + index + " of the batch failed: " + cause.getMessage(), cause);
            this.index = index;
            this.appliedBefore = appliedBefore;
        }

        EventFailed after(List<Outcome> applied) {
            return new EventFailed(index, getCause(), applied);
        }
    }

    private Outcome liked(LikeEvent event) {
        var at = Timestamp.from(event.occurredAt());
        // Claims the action key; a retracted one (liked, unliked while unread) may count again.
        boolean claimed = jdbc.sql(
                                """
                        INSERT INTO notification_actions (post_id, actor_id, recipient_id, acted_at)
                        VALUES (:postId, :actorId, :recipientId, :at)
                        ON CONFLICT (post_id, actor_id) DO UPDATE
                            SET retracted = false, acted_at = excluded.acted_at, recipient_id = excluded.recipient_id
                            WHERE notification_actions.retracted
                        """)
                        .param("postId", event.postId())
                        .param("actorId", event.userId())
                        .param("recipientId", event.postOwnerId())
                        .param("at", at)
                        .update()
                == 1;
        if (!claimed) {
            return Outcome.DUPLICATE;
        }
        var entry = jdbc.sql(
                        """
                        INSERT INTO notifications
                            (recipient_id, actor_id, type, post_id, actor_count, created_at, updated_at)
                        VALUES (:recipientId, :actorId, :type, :postId, 1, :at, :at)
                        ON CONFLICT (recipient_id, post_id, type) WHERE read_at IS NULL DO UPDATE
                            SET actor_count = notifications.actor_count + 1,
                                actor_id = excluded.actor_id,
                                updated_at = greatest(notifications.updated_at, excluded.updated_at)
                        RETURNING id, (xmax = 0) AS inserted
                        """)
                .param("recipientId", event.postOwnerId())
                .param("actorId", event.userId())
                .param("type", TYPE_POST_LIKED)
                .param("postId", event.postId())
                .param("at", at)
                .query((rs, n) -> new UpsertedEntry(rs.getLong("id"), rs.getBoolean("inserted")))
                .single();
        jdbc.sql(
                        "UPDATE notification_actions SET notification_id = :id WHERE post_id = :postId AND actor_id = :actorId")
                .param("id", entry.id())
                .param("postId", event.postId())
                .param("actorId", event.userId())
                .update();
        return entry.inserted() ? Outcome.SINGLE : Outcome.GROUPED;
    }

    private Outcome unliked(LikeEvent event) {
        // Only an unread entry is taken back: what the owner has already seen stays seen.
        Optional<Long> entryId = jdbc.sql(
                        """
                        UPDATE notification_actions a SET retracted = true
                        FROM notifications n
                        WHERE a.post_id = :postId AND a.actor_id = :actorId AND NOT a.retracted
                          AND n.id = a.notification_id AND n.read_at IS NULL
                        RETURNING a.notification_id
                        """)
                .param("postId", event.postId())
                .param("actorId", event.userId())
                .query(Long.class)
                .optional();
        if (entryId.isEmpty()) {
            return Outcome.IGNORED;
        }
        long id = entryId.get();
        int shrunk = jdbc.sql(
                        """
                        UPDATE notifications SET actor_count = actor_count - 1,
                            actor_id = coalesce((SELECT a.actor_id FROM notification_actions a
                                                 WHERE a.notification_id = :id AND NOT a.retracted
                                                 ORDER BY a.acted_at DESC LIMIT 1), actor_id)
                        WHERE id = :id AND actor_count > 1
                        """)
                .param("id", id)
                .update();
        if (shrunk == 0) {
            jdbc.sql("DELETE FROM notifications WHERE id = :id").param("id", id).update();
        }
        return Outcome.RETRACTED;
    }

    private record UpsertedEntry(long id, boolean inserted) {}
}
