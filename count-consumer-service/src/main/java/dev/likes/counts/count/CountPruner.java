package dev.likes.counts.count;

import dev.likes.kit.Causes;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes SUCCESS rows past their retention, in chunks. They are the dedupe record, so the retention must outlive any
 * redelivery; FAILED rows are the audit trail and stay.
 */
@Component
class CountPruner {

    private static final Logger log = LoggerFactory.getLogger(CountPruner.class);

    private final CountStore store;
    private final CountProperties properties;

    CountPruner(CountStore store, CountProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** Prunes; returns how many rows went. Called on a fixed delay. */
    int prune() {
        Instant cutoff = Instant.now().minus(properties.successRetention());
        int total = 0;
        try {
            int deleted;
            do {
                deleted = store.pruneSucceeded(cutoff, properties.pruneChunk());
                total += deleted;
            } while (deleted == properties.pruneChunk());
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("cause", Causes.rootMessage(e)).log("pruning counted events failed");
        }
        if (total > 0) {
            log.atInfo().addKeyValue("deleted", total).log("pruned counted events past their retention");
        }
        return total;
    }
}
