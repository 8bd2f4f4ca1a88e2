package dev.likes.counts.retry;

import dev.likes.counts.cache.CountCache;
import dev.likes.counts.count.CountMetrics;
import dev.likes.counts.count.CountProperties;
import dev.likes.counts.count.CountStatus;
import dev.likes.counts.count.CountStore;
import dev.likes.counts.count.IncomingEvent;
import dev.likes.counts.count.OpenEvent;
import dev.likes.counts.dlq.DlqPublisher;
import dev.likes.kit.Causes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Parks events the consumer could not count and retries them off the consumer's path, so their partition keeps
 * flowing. The n-th retry of an event waits the policy's n-th backoff (1, 2, 4, 8, 16 s by default); when the last one
 * fails the event is FAILED and goes to the DLQ, in the same transaction that marks it, so it is never FAILED without
 * being on the DLQ. Several instances may run this: each event is taken with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
public class CountRetrier {

    private static final Logger log = LoggerFactory.getLogger(CountRetrier.class);

    private final CountStore store;
    private final TransactionTemplate transaction;
    private final DlqPublisher dlq;
    private final CountCache cache;
    private final CountMetrics metrics;
    private final CountProperties properties;
    private final RetryPolicy policy;

    CountRetrier(
            CountStore store,
            TransactionTemplate transaction,
            DlqPublisher dlq,
            CountCache cache,
            CountMetrics metrics,
            CountProperties properties) {
        this.store = store;
        this.transaction = transaction;
        this.dlq = dlq;
        this.cache = cache;
        this.metrics = metrics;
        this.properties = properties;
        this.policy = properties.retry().policy();
    }

    /**
     * Parks an event whose counting failed: RETRYING, first retry after the first backoff.
     *
     * @throws RuntimeException when the row cannot be written either; the caller must not let the offset move on
     */
    public void park(IncomingEvent incoming, RuntimeException failure) {
        String error = Causes.rootMessage(failure);
        boolean parked = Boolean.TRUE.equals(transaction.execute(
                status -> store.park(incoming, error, Instant.now().plus(policy.delayBefore(1)))));
        if (parked) {
            metrics.entered(CountStatus.PENDING, 1);
            metrics.entered(CountStatus.RETRYING, 1);
            log.atWarn()
                    .addKeyValue("eventId", incoming.event().eventId())
                    .addKeyValue("postId", incoming.event().postId())
                    .addKeyValue("cause", error)
                    .log("event could not be counted; parked for retry");
        } else {
            metrics.duplicates(1);
        }
    }

    /** Retries the parked events that are due. Called on a fixed delay. */
    public void retryDue() {
        List<UUID> due;
        try {
            due = store.dueRetries(properties.retry().batchSize());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("cause", Causes.rootMessage(e)).log("cannot look for due retries");
            return;
        }
        for (UUID eventId : due) {
            retry(eventId);
        }
    }

    private void retry(UUID eventId) {
        Optional<Retried> counted;
        try {
            counted = transaction.execute(status -> store.lockOpen(eventId).map(event -> {
                var counts = store.addToCounts(new TreeMap<>(Map.of(event.postId(), (long) event.delta())));
                store.move(eventId, event.status(), CountStatus.SUCCESS, event.retryCount() + 1, null, null);
                return new Retried(event, counts);
            }));
        } catch (RuntimeException failure) {
            recordFailure(eventId, failure);
            return;
        }
        if (counted != null && counted.isPresent()) {
            metrics.applied(counted.get().event().type(), 1);
            metrics.postUpdates(1);
            metrics.entered(CountStatus.SUCCESS, 1);
            cache.write(counted.get().counts());
            log.atInfo().addKeyValue("eventId", eventId).log("parked event counted on retry");
        }
    }

    private void recordFailure(UUID eventId, RuntimeException failure) {
        String error = Causes.rootMessage(failure);
        try {
            CountStatus entered = transaction.execute(status -> store.lockOpen(eventId)
                    .map(event -> {
                        int retries = event.retryCount() + 1;
                        if (policy.exhausted(retries)) {
                            store.move(eventId, event.status(), CountStatus.FAILED, retries, error, null);
                            // Inside the transaction: if the DLQ does not take it, the event stays RETRYING.
                            dlq.exhausted(event, retries, rootClass(failure), error);
                            return CountStatus.FAILED;
                        }
                        Instant next = Instant.now().plus(policy.delayBefore(retries + 1));
                        store.move(eventId, event.status(), CountStatus.RETRYING, retries, error, next);
                        return CountStatus.RETRYING;
                    })
                    .orElse(null));
            if (entered == null) {
                return;
            }
            metrics.entered(entered, 1);
            if (entered == CountStatus.FAILED) {
                log.atError()
                        .addKeyValue("eventId", eventId)
                        .addKeyValue("cause", error)
                        .log("event could not be counted after its last retry; FAILED and sent to the DLQ");
            } else {
                log.atWarn()
                        .addKeyValue("eventId", eventId)
                        .addKeyValue("cause", error)
                        .log("retry of a parked event failed; backing off");
            }
        } catch (RuntimeException e) {
            // Left as it was: due again at the next poll.
            log.atWarn()
                    .addKeyValue("eventId", eventId)
                    .addKeyValue("cause", Causes.rootMessage(e))
                    .log("cannot record a failed retry");
        }
    }

    private static String rootClass(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    private record Retried(OpenEvent event, Map<String, Long> counts) {}
}
