package dev.likes.likeapi.outbox;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.Topics;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Where state changes leave their events, in the same transaction as the changes. */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final OutboxLanes lanes;

    Outbox(OutboxRepository repository, OutboxRelay relay, OutboxProperties properties) {
        this.repository = repository;
        this.relay = relay;
        this.lanes = properties.outboxLanes();
    }

    /** An event to publish, and the W3C traceparent of the request that caused it (or null). */
    public record Entry(LikeEvent event, String traceParent) {}

    /**
     * Records the events for publication to {@code likes.events}, in the given order, with one statement. Must run
     * inside the transaction that made the changes, so each event exists exactly when its change does. Each event
     * takes its post's lane; the relay publishes the lanes written here as soon as the transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<OutboxRepository.NewRow> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            LikeEvent event = entry.event();
            rows.add(new OutboxRepository.NewRow(
                    event.eventId(),
                    lanes.of(event.postId()),
                    event.postId(),
                    event.type().name(),
                    Topics.LIKE_EVENTS,
                    LikeEventJson.toJson(event),
                    entry.traceParent()));
        }
        insertAndWakeUp(rows);
    }

    /**
     * Records post events (deletions) for publication to {@code likes.post-events}, like {@link #appendAll}: in the
     * caller's transaction, each in its post's lane, so a post's events leave in the order they were written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendPostEvents(List<PostEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<OutboxRepository.NewRow> rows = new ArrayList<>(events.size());
        for (PostEvent event : events) {
            rows.add(new OutboxRepository.NewRow(
                    event.eventId(),
                    lanes.of(event.postId()),
                    event.postId(),
                    event.type().name(),
                    Topics.POST_EVENTS,
                    PostEventJson.toJson(event),
                    null));
        }
        insertAndWakeUp(rows);
    }

    private void insertAndWakeUp(List<OutboxRepository.NewRow> rows) {
        BitSet written = new BitSet(lanes.count());
        rows.forEach(row -> written.set(row.lane()));
        repository.insertAll(rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp(written); // publish these lanes now instead of at the next poll
            }
        });
    }
}
