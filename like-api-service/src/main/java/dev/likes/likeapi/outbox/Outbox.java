package dev.likes.likeapi.outbox;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Where a state change leaves its event, in the same transaction as the change. */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /**
     * Records the event for publication to {@code likes.events}. Must run inside the transaction that made the change,
     * so the event exists exactly when the change does.
     *
     * @param traceParent the W3C traceparent of the request, so the relay's publication continues its trace
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(LikeEvent event, String traceParent) {
        jdbc.sql(
                        """
                        INSERT INTO outbox (id, aggregate_id, event_type, topic, payload, trace_parent)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)
                        """)
                .params(
                        event.eventId(),
                        event.postId(),
                        event.type().name(),
                        Topics.LIKE_EVENTS,
                        LikeEventJson.toJson(event),
                        traceParent)
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp(); // publish now instead of at the next poll
            }
        });
    }
}
