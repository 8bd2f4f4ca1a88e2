package dev.likes.counts.dlq;

import dev.likes.counts.cache.CountCache;
import dev.likes.counts.count.CountMetrics;
import dev.likes.counts.count.CountStore;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventJson.MalformedEventException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays {@code likes.events.dlq} into the counts, exactly once per event.
 *
 * <p>Reads the DLQ up to its end as of the call, in its own consumer group ({@value #GROUP}), so a second call goes on
 * where the last stopped (or from the beginning when asked). Each event is decided in its own transaction: unknown
 * eventId: counted now; FAILED and not yet replayed: counted now and {@code replayed_at} set (FAILED stays, the audit
 * trail is kept); SUCCESS or already replayed: skipped; still PENDING/RETRYING: left to the retrier. Unreadable records
 * are skipped and stay on the DLQ for a human. Offsets are committed after every poll, only for records decided.
 */
@Component
class DlqReplayer {

    static final String GROUP = "count-consumer-dlq-replay";

    private static final Logger log = LoggerFactory.getLogger(DlqReplayer.class);

    private final ConsumerFactory<String, byte[]> consumers;
    private final CountStore store;
    private final TransactionTemplate transaction;
    private final CountCache cache;
    private final CountMetrics metrics;

    DlqReplayer(
            ConsumerFactory<String, byte[]> consumers,
            CountStore store,
            TransactionTemplate transaction,
            CountCache cache,
            CountMetrics metrics) {
        this.consumers = consumers;
        this.store = store;
        this.transaction = transaction;
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Replays what is on the DLQ now. One replay at a time per instance. */
    synchronized ReplayReport replay(boolean fromBeginning) {
        var overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var report = new ReplayReport.Builder();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(GROUP, null, "-replay", overrides)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(DlqPublisher.DLQ_TOPIC, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                return report.build();
            }
            // Assigned, not subscribed: no rebalance to wait for, and the end is fixed when the replay starts.
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata offset = committed.get(tp);
                    if (offset == null) {
                        consumer.seekToBeginning(List.of(tp));
                    } else {
                        consumer.seek(tp, offset.offset());
                    }
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                Map<TopicPartition, OffsetAndMetadata> decided = new HashMap<>();
                Map<String, Long> counts = new HashMap<>();
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        var tp = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= end.get(tp)) {
                            continue;
                        }
                        replayOne(record, report, counts);
                        decided.put(tp, new OffsetAndMetadata(record.offset() + 1));
                    }
                } finally {
                    // Whatever was decided stays decided, even when a later record failed.
                    if (!decided.isEmpty()) {
                        consumer.commitSync(decided);
                    }
                    cache.write(counts);
                }
                // Records past the fixed end were fetched but not decided: go back so the next replay sees them.
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp) > end.get(tp)) {
                        consumer.seek(tp, end.get(tp));
                    }
                }
            }
        }
        ReplayReport result = report.build();
        log.atInfo()
                .addKeyValue("read", result.read())
                .addKeyValue("replayed", result.replayed())
                .addKeyValue("alreadyCounted", result.alreadyCounted())
                .addKeyValue("inProgress", result.inProgress())
                .addKeyValue("unreadable", result.unreadable())
                .log("DLQ replayed");
        return result;
    }

    private void replayOne(
            ConsumerRecord<String, byte[]> record, ReplayReport.Builder report, Map<String, Long> counts) {
        report.read++;
        LikeEvent event;
        try {
            event = LikeEventJson.fromBytes(record.value() == null ? new byte[0] : record.value());
        } catch (MalformedEventException e) {
            report.unreadable++;
            return;
        }
        Decision decision = transaction.execute(status -> {
            var known = store.lockKnown(event.eventId());
            if (known.isEmpty()) {
                if (store.recordCounted(List.of(event)).isEmpty()) {
                    return new Decision(Verdict.ALREADY_COUNTED, Map.of());
                }
                return new Decision(Verdict.REPLAYED, count(event));
            }
            return switch (known.get().status()) {
                case SUCCESS -> new Decision(Verdict.ALREADY_COUNTED, Map.of());
                case PENDING, RETRYING -> new Decision(Verdict.IN_PROGRESS, Map.of());
                case FAILED ->
                    store.markReplayed(event.eventId())
                            ? new Decision(Verdict.REPLAYED, count(event))
                            : new Decision(Verdict.ALREADY_COUNTED, Map.of());
            };
        });
        switch (decision.verdict()) {
            case REPLAYED -> {
                report.replayed++;
                metrics.replayed();
                metrics.applied(event.type(), 1);
                metrics.postUpdates(1);
                counts.putAll(decision.counts());
            }
            case ALREADY_COUNTED -> {
                report.alreadyCounted++;
                metrics.duplicates(1);
            }
            case IN_PROGRESS -> report.inProgress++;
        }
    }

    private Map<String, Long> count(LikeEvent event) {
        return store.addToCounts(new TreeMap<>(Map.of(event.postId(), (long) event.countDelta())));
    }

    private enum Verdict {
        REPLAYED,
        ALREADY_COUNTED,
        IN_PROGRESS
    }

    private record Decision(Verdict verdict, Map<String, Long> counts) {}

    /**
     * What a replay did.
     *
     * @param read DLQ records read
     * @param replayed events counted by this replay
     * @param alreadyCounted events counted before (not counted again)
     * @param inProgress events the retrier still owns
     * @param unreadable records that are not events; they stay on the DLQ
     */
    record ReplayReport(long read, long replayed, long alreadyCounted, long inProgress, long unreadable) {

        static final class Builder {
            long read;
            long replayed;
            long alreadyCounted;
            long inProgress;
            long unreadable;

            ReplayReport build() {
                return new ReplayReport(read, replayed, alreadyCounted, inProgress, unreadable);
            }
        }
    }
}
