package dev.likes.counts.count;

import dev.likes.counts.dlq.DlqReason;
import dev.likes.events.LikeEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The count consumer's meters, named as agreed in the metrics brief (the dashboard and alerts query them). */
@Component
public class CountMetrics {

    private final Map<LikeEventType, Counter> applied = new EnumMap<>(LikeEventType.class);
    private final Map<CountStatus, Counter> transitions = new EnumMap<>(CountStatus.class);
    private final Counter duplicates;
    private final DistributionSummary batchSize;
    private final Counter batchUpdates;
    private final Counter dlqPoison;
    private final Counter dlqExhausted;
    private final Counter replayed;

    CountMetrics(MeterRegistry registry) {
        for (LikeEventType type : LikeEventType.values()) {
            applied.put(
                    type,
                    Counter.builder("likes.counts.events.applied")
                            .description("Events counted into post_counts, each exactly once")
                            .tag("type", type.name())
                            .register(registry));
        }
        for (CountStatus status : CountStatus.values()) {
            transitions.put(
                    status,
                    Counter.builder("likes.counts.transitions")
                            .description("Count event status changes, by the status entered")
                            .tag("to", status.name())
                            .register(registry));
        }
        duplicates = Counter.builder("likes.counts.events.duplicate")
                .description("Redelivered events that were already counted and were skipped")
                .register(registry);
        batchSize = DistributionSummary.builder("likes.counts.batch.size")
                .description("Records per consumed batch")
                .register(registry);
        batchUpdates = Counter.builder("likes.counts.batch.updates")
                .description("post_counts upserts: one per post per batch")
                .register(registry);
        dlqPoison = Counter.builder("likes.counts.dlq")
                .description("Records sent to likes.events.dlq")
                .tag("reason", "poison")
                .register(registry);
        dlqExhausted = Counter.builder("likes.counts.dlq")
                .description("Records sent to likes.events.dlq")
                .tag("reason", "exhausted")
                .register(registry);
        replayed = Counter.builder("likes.counts.replayed")
                .description("DLQ events a replay counted")
                .register(registry);
    }

    public void applied(LikeEventType type, long n) {
        if (n > 0) {
            applied.get(type).increment(n);
        }
    }

    public void duplicates(long n) {
        if (n > 0) {
            duplicates.increment(n);
        }
    }

    void batch(int records) {
        batchSize.record(records);
    }

    public void postUpdates(int posts) {
        if (posts > 0) {
            batchUpdates.increment(posts);
        }
    }

    public void entered(CountStatus status, long n) {
        if (n > 0) {
            transitions.get(status).increment(n);
        }
    }

    public void dlq(DlqReason reason) {
        (reason == DlqReason.POISON ? dlqPoison : dlqExhausted).increment();
    }

    public void replayed() {
        replayed.increment();
    }
}
