package dev.likes.likeapi.outbox;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Where state changes leave their events, in the same transaction as the changes. */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** An event to publish, and the W3C traceparent of the request that caused it (or null). */
    public record Entry(LikeEvent event, String traceParent) {}

    /**
     * Records the events for publication to {@code likes.events}, in the given order, with one statement. Must run
     * inside the transaction that made the changes, so each event exists exactly when its change does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] ids = new String[n];
        String[] postIds = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] traceParents = new String[n];
        for (int i = 0; i < n; i++) {
            LikeEvent event = entries.get(i).event();
            ids[i] = event.eventId().toString();
            postIds[i] = event.postId();
            types[i] = event.type().name();
            payloads[i] = LikeEventJson.toJson(event);
            traceParents[i] = entries.get(i).traceParent();
        }
        // WITH ORDINALITY keeps the given order in seq, which is the order the relay publishes in.
        jdbc.sql(
                        """
                        INSERT INTO outbox (id, aggregate_id, event_type, topic, payload, trace_parent)
                        SELECT e.id::uuid, e.post_id, e.event_type, ?, e.payload::jsonb, e.trace_parent
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             WITH ORDINALITY AS e(id, post_id, event_type, payload, trace_parent, position)
                        ORDER BY e.position
                        """)
                .params(Topics.LIKE_EVENTS, ids, postIds, types, payloads, traceParents)
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp(); // publish now instead of at the next poll
            }
        });
    }
}
