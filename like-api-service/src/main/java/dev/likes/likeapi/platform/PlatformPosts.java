package dev.likes.likeapi.platform;

import dev.likes.events.PostEvent;
import dev.likes.events.PostEventType;
import dev.likes.likeapi.post.PostRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of the platform's post events in one transaction, set-wise: one INSERT for the creations and one
 * UPDATE for the deletions of each round. Applying is idempotent (a creation of a taken id and a deletion of a deleted
 * or unknown post change nothing), so a redelivered batch has no second effect and needs no dedupe table.
 */
@Component
class PlatformPosts {

    /** What became of one event. */
    enum Result {
        CREATED,
        EXISTING,
        DELETED,
        ABSENT,
        SKIPPED
    }

    private final PostRegistry registry;
    private final TransactionTemplate transaction;

    PlatformPosts(PostRegistry registry, TransactionTemplate transaction) {
        this.registry = registry;
        this.transaction = transaction;
    }

    /** Applies the events in order per post; returns, per event, what became of it. */
    List<Result> apply(List<PostEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Result[] results = new Result[events.size()];
        transaction.executeWithoutResult(status -> {
            for (List<Integer> round : rounds(events, results)) {
                applyRound(events, round, results);
            }
        });
        return List.of(results);
    }

    /**
     * Splits the events so that each round holds a post at most once, each post's events in their order: a creation
     * and a deletion of one post in one batch then apply in the order the platform wrote them. Unknown types are
     * skipped here.
     */
    static List<List<Integer>> rounds(List<PostEvent> events, Result[] results) {
        List<List<Integer>> rounds = new ArrayList<>(1);
        Map<String, Integer> seen = new HashMap<>(events.size() * 2);
        for (int i = 0; i < events.size(); i++) {
            PostEvent event = events.get(i);
            if (event.type() == PostEventType.UNKNOWN) {
                results[i] = Result.SKIPPED;
                continue;
            }
            int round = seen.merge(event.postId(), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }

    private void applyRound(List<PostEvent> events, List<Integer> round, Result[] results) {
        List<PostRegistry.NewPost> creations = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        for (int i : round) {
            PostEvent event = events.get(i);
            if (event.type() == PostEventType.POST_CREATED) {
                creations.add(new PostRegistry.NewPost(event.postId(), event.ownerId(), event.occurredAt()));
            } else {
                deletions.add(event.postId());
            }
        }
        // Distinct posts within a round, so the two statements cannot affect each other's rows.
        Set<String> created = registry.registerAll(creations);
        Set<String> deleted = new HashSet<>();
        registry.deleteAll(deletions).forEach(d -> deleted.add(d.postId()));
        for (int i : round) {
            PostEvent event = events.get(i);
            results[i] = event.type() == PostEventType.POST_CREATED
                    ? (created.contains(event.postId()) ? Result.CREATED : Result.EXISTING)
                    : (deleted.contains(event.postId()) ? Result.DELETED : Result.ABSENT);
        }
    }
}
