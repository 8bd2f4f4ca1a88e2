package dev.likes.notifications.notification;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.notifications.post.DeletedPosts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns owner-notification events into entries, exactly once per like. The action key (post, actor) makes redelivery
 * harmless: it remembers when its last change happened (the like API's time of the change, taken while it holds the
 * like's row, so later for each later change of a key, up to the clock skew between like-api hosts), so a change no
 * later than that is stale, whether it is the same record delivered again, the same like in another event, or a like
 * and its unlike that arrive out of order (a publisher re-sent the earlier one after the later one got through): the
 * later change wins. No eventId table is needed for that, which spares a row write per like. While the owner has an
 * unread entry for a post, further likes join it instead of adding rows.
 *
 * <p>A batch is applied set-wise: a few statements over the whole batch ({@link NotificationStore}) instead of three or
 * four per event, with the same outcome as applying the events one by one in order. Two events touching one action key
 * (a like and its unlike), or one group with a like and an unlike, go into successive rounds, so each statement sees
 * each key once and the order within a post (one partition, so one order) is kept.
 */
@Component
class NotificationRecorder {

    static final String TYPE_POST_LIKED = NotificationStore.TYPE_POST_LIKED;
    private static final Logger log = LoggerFactory.getLogger(NotificationRecorder.class);

    enum Outcome {
        SINGLE,
        GROUPED,
        RETRACTED,
        DUPLICATE,
        IGNORED
    }

    private final NotificationStore store;
    private final DeletedPosts deletedPosts;
    private final TransactionTemplate transactions;
    private final Counter single;
    private final Counter grouped;
    private final Counter retracted;

    NotificationRecorder(
            NotificationStore store,
            DeletedPosts deletedPosts,
            TransactionTemplate transactions,
            MeterRegistry meters) {
        this.store = store;
        this.deletedPosts = deletedPosts;
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
     * post's likes keep up. If event {@code i} cannot be applied, the events before it are committed without it and the
     * failure names {@code i}, so the container commits up to it and retries or dead-letters exactly that record.
     *
     * <p>An unreadable event (null) is known before any statement runs. A statement that fails fails the whole set,
     * though, and names no event: then the batch is rolled back and applied again one event at a time, which finds the
     * event (a database that is down fails at the first). Applying is deterministic (same keys, same result), so
     * applying again after a rollback is safe.
     *
     * @return per event, in order, what became of it
     * @throws EventFailed naming the failed event and carrying the committed outcomes of the events before it
     */
    List<Outcome> recordAll(List<LikeEvent> events) {
        int readable = 0;
        while (readable < events.size() && events.get(readable) != null) {
            readable++;
        }
        var before = events.subList(0, readable);
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(status -> applySet(before));
        } catch (RuntimeException setFailed) {
            log.atWarn()
                    .addKeyValue("events", before.size())
                    .addKeyValue("cause", setFailed.getMessage())
                    .log("notification batch failed; applying its events one by one to find the failing one");
            outcomes = oneByOne(before);
        }
        counted(outcomes);
        if (readable < events.size()) {
            // A record that could not be deserialized: retrying cannot fix it.
            throw new EventFailed(readable, new IllegalArgumentException("not a LikeEvent"), outcomes);
        }
        return outcomes;
    }

    /** Each event in a statement set of its own, in one transaction; the first that fails ends it. */
    private List<Outcome> oneByOne(List<LikeEvent> events) {
        try {
            return transactions.execute(status -> {
                List<Outcome> outcomes = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    try {
                        outcomes.addAll(applySet(List.of(events.get(i))));
                    } catch (RuntimeException e) {
                        throw new EventFailed(i, e, List.of());
                    }
                }
                return outcomes;
            });
        } catch (EventFailed failed) {
            var applied = failed.index == 0
                    ? List.<Outcome>of()
                    : transactions.execute(status -> {
                        List<Outcome> outcomes = new ArrayList<>(failed.index);
                        for (LikeEvent event : events.subList(0, failed.index)) {
                            outcomes.addAll(applySet(List.of(event)));
                        }
                        return outcomes;
                    });
            throw failed.after(counted(applied));
        }
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

    /** Applies readable events, in order, within the caller's transaction. */
    private List<Outcome> applySet(List<LikeEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<Integer> relevant = new ArrayList<>(events.size());
        Set<UUID> inBatch = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            LikeEvent event = events.get(i);
            if (event.postOwnerId() == null || event.isSelfLike()) {
                // The orchestrator filters these; a stray one still must not notify anybody.
                outcomes[i] = Outcome.IGNORED;
            } else if (!inBatch.add(event.eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
            } else {
                relevant.add(i);
            }
        }
        if (!relevant.isEmpty()) {
            // Likes of a deleted post, accepted just before the deletion, notify nobody (nor does their unlike).
            Set<String> deleted = deletedPosts.among(
                    relevant.stream().map(i -> events.get(i).postId()).toList());
            for (int i : relevant) {
                if (deleted.contains(events.get(i).postId())) {
                    outcomes[i] = Outcome.IGNORED;
                }
            }
            relevant.removeIf(i -> outcomes[i] == Outcome.IGNORED);
        }
        if (!relevant.isEmpty()) {
            for (List<Integer> round : rounds(events, relevant)) {
                applyRound(events, round, outcomes);
            }
        }
        if (log.isDebugEnabled()) {
            for (int i = 0; i < events.size(); i++) {
                log.atDebug()
                        .addKeyValue("eventId", events.get(i).eventId())
                        .addKeyValue("postId", events.get(i).postId())
                        .addKeyValue("outcome", outcomes[i])
                        .log("notification event applied");
            }
        }
        return List.of(outcomes);
    }

    /**
     * Splits the events into rounds that keep the order that matters: a round holds each action key at most once, and
     * each (recipient, post) group only likes or only unlikes, after everything earlier of that group. Events of
     * unrelated keys share a round whatever their order, since they cannot affect each other.
     */
    private static List<List<Integer>> rounds(List<LikeEvent> events, List<Integer> relevant) {
        Map<NotificationStore.ActionKey, Integer> keyRound = new HashMap<>();
        Map<Group, Integer> groupRound = new HashMap<>();
        Map<Group, LikeEventType> groupType = new HashMap<>();
        List<List<Integer>> rounds = new ArrayList<>();
        for (int i : relevant) {
            LikeEvent event = events.get(i);
            var key = new NotificationStore.ActionKey(event.postId(), event.userId());
            var group = new Group(event.postOwnerId(), event.postId());
            int round = keyRound.getOrDefault(key, -1) + 1;
            Integer last = groupRound.get(group);
            if (last != null) {
                round = Math.max(round, groupType.get(group) == event.type() ? last : last + 1);
            }
            keyRound.put(key, round);
            groupRound.put(group, round);
            groupType.put(group, event.type());
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    private void applyRound(List<LikeEvent> events, List<Integer> round, Outcome[] outcomes) {
        List<Integer> likes = new ArrayList<>();
        List<Integer> unlikes = new ArrayList<>();
        for (int i : round) {
            (events.get(i).type() == LikeEventType.LIKED ? likes : unlikes).add(i);
        }
        if (!likes.isEmpty()) {
            liked(events, likes, outcomes);
        }
        if (!unlikes.isEmpty()) {
            // A group has only likes or only unlikes in a round, so the order of the two calls changes nothing.
            unliked(events, unlikes, outcomes);
        }
    }

    private void liked(List<LikeEvent> events, List<Integer> likes, Outcome[] outcomes) {
        // Claims the action keys; a retracted one (liked, unliked while unread) may count again.
        Set<NotificationStore.ActionKey> claimed = store.claimActions(
                likes.stream().map(i -> change(events.get(i))).toList());
        Map<Group, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i : likes) {
            LikeEvent e = events.get(i);
            if (claimed.contains(new NotificationStore.ActionKey(e.postId(), e.userId()))) {
                byGroup.computeIfAbsent(new Group(e.postOwnerId(), e.postId()), g -> new ArrayList<>())
                        .add(i);
            } else {
                outcomes[i] = Outcome.DUPLICATE;
            }
        }
        if (byGroup.isEmpty()) {
            return;
        }
        List<NotificationStore.GroupDelta> deltas = new ArrayList<>(byGroup.size());
        byGroup.forEach((group, members) -> {
            LikeEvent first = events.get(members.get(0));
            LikeEvent last = events.get(members.get(members.size() - 1));
            Instant latest = first.occurredAt();
            for (int i : members) {
                if (events.get(i).occurredAt().isAfter(latest)) {
                    latest = events.get(i).occurredAt();
                }
            }
            deltas.add(new NotificationStore.GroupDelta(
                    group.recipientId(), group.postId(), last.userId(), members.size(), first.occurredAt(), latest));
        });
        List<NotificationStore.ActionKey> linked = new ArrayList<>();
        List<Long> entryIds = new ArrayList<>();
        for (NotificationStore.UpsertedEntry entry : store.addToGroups(deltas)) {
            List<Integer> members = byGroup.get(new Group(entry.recipientId(), entry.postId()));
            for (int m = 0; m < members.size(); m++) {
                LikeEvent e = events.get(members.get(m));
                // Applied one by one, the first like opens the entry and the others join it.
                outcomes[members.get(m)] = entry.inserted() && m == 0 ? Outcome.SINGLE : Outcome.GROUPED;
                linked.add(new NotificationStore.ActionKey(e.postId(), e.userId()));
                entryIds.add(entry.id());
            }
        }
        store.linkActions(linked, entryIds);
    }

    private void unliked(List<LikeEvent> events, List<Integer> unlikes, Outcome[] outcomes) {
        // Only an unread entry is taken back: what the owner has already seen stays seen.
        Map<NotificationStore.ActionKey, Long> retracted = new HashMap<>();
        for (NotificationStore.Retraction r : store.retractActions(
                unlikes.stream().map(i -> change(events.get(i))).toList())) {
            retracted.put(new NotificationStore.ActionKey(r.postId(), r.actorId()), r.notificationId());
        }
        Map<Long, Integer> removedByEntry = new LinkedHashMap<>();
        List<NotificationStore.Change> tookNothingBack = new ArrayList<>();
        for (int i : unlikes) {
            LikeEvent e = events.get(i);
            Long entry = retracted.get(new NotificationStore.ActionKey(e.postId(), e.userId()));
            if (entry == null) {
                // Its like was seen by the owner, never counted, or the unlike is stale (a redelivery, say).
                outcomes[i] = Outcome.IGNORED;
                tookNothingBack.add(change(e));
            } else {
                outcomes[i] = Outcome.RETRACTED;
                removedByEntry.merge(entry, 1, Integer::sum);
            }
        }
        if (!tookNothingBack.isEmpty()) {
            // Usually none: an unlike normally finds its like counted in an unread entry.
            store.rememberUnlikes(tookNothingBack);
        }
        if (!removedByEntry.isEmpty()) {
            store.removeActors(List.copyOf(removedByEntry.keySet()), List.copyOf(removedByEntry.values()));
        }
    }

    private static NotificationStore.Change change(LikeEvent event) {
        return new NotificationStore.Change(event.postId(), event.userId(), event.postOwnerId(), event.occurredAt());
    }

    /** The unique key of an unread entry: (recipient, post); the type is always POST_LIKED here. */
    private record Group(String recipientId, String postId) {}

    /** The event at {@code index} of a batch failed; carries the cause for the container's error handler. */
    static final class EventFailed extends RuntimeException {

        final int index;

        /** The outcomes of the events before {@link #index}, committed without it. */
        final List<Outcome> appliedBefore;

        private EventFailed(int index, Throwable cause, List<Outcome> appliedBefore) {
            super("event " + index + " of the batch failed: " + cause.getMessage(), cause);
            this.index = index;
            this.appliedBefore = appliedBefore;
        }

        EventFailed after(List<Outcome> applied) {
            return new EventFailed(index, getCause(), applied);
        }
    }
}
