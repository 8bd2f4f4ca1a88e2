package dev.likes.counts.count;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts events exactly once, in one transaction: the dedupe rows of the new events and ONE upsert per post of their
 * summed deltas commit together or not at all. A redelivered event finds its row and adds nothing.
 */
@Component
class CountApplier {

    private final CountStore store;
    private final TransactionTemplate transaction;
    private final CountMetrics metrics;

    CountApplier(CountStore store, TransactionTemplate transaction, CountMetrics metrics) {
        this.store = store;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /**
     * Counts the events not counted before.
     *
     * @param events distinct eventIds
     * @return the committed absolute count of every post the events touched, and which events were counted now
     * @throws RuntimeException when the transaction failed; nothing was counted then
     */
    Counted count(List<LikeEvent> events) {
        if (events.isEmpty()) {
            return new Counted(Map.of(), Set.of());
        }
        Outcome outcome = transaction.execute(status -> {
            Set<UUID> fresh = store.recordCounted(events);
            // One upsert per post of the summed deltas: a celebrity post costs one row change per batch.
            TreeMap<String, Long> deltaByPost = new TreeMap<>();
            Map<LikeEventType, Long> byType = new EnumMap<>(LikeEventType.class);
            for (LikeEvent e : events) {
                if (fresh.contains(e.eventId())) {
                    deltaByPost.merge(e.postId(), (long) e.countDelta(), Long::sum);
                    byType.merge(e.type(), 1L, Long::sum);
                }
            }
            return new Outcome(store.addToCounts(deltaByPost), byType, fresh);
        });
        // Meters move only after the commit: a rolled-back batch was never applied.
        byTypeTo(outcome);
        metrics.duplicates(events.size() - outcome.fresh().size());
        metrics.postUpdates(outcome.counts().size());
        metrics.entered(CountStatus.PENDING, outcome.fresh().size());
        metrics.entered(CountStatus.SUCCESS, outcome.fresh().size());
        return new Counted(outcome.counts(), outcome.fresh());
    }

    private void byTypeTo(Outcome outcome) {
        outcome.byType().forEach(metrics::applied);
    }

    private record Outcome(Map<String, Long> counts, Map<LikeEventType, Long> byType, Set<UUID> fresh) {}

    /**
     * What a committed count changed.
     *
     * @param counts the absolute count of every post the events touched
     * @param fresh the eventIds counted now (the others had been counted before)
     */
    record Counted(Map<String, Long> counts, Set<UUID> fresh) {}
}
