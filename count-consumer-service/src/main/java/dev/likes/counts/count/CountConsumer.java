package dev.likes.counts.count;

import static dev.likes.kit.Causes.rootMessage;

import dev.likes.counts.cache.CountCache;
import dev.likes.counts.dlq.DlqPublisher;
import dev.likes.counts.retry.CountRetrier;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventJson.MalformedEventException;
import dev.likes.events.Topics;
import dev.likes.kit.tracing.RecordTrace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code likes.events} in batches and keeps {@code post_counts} exactly right.
 *
 * <p>Design. Each poll is one batch. The happy path is ONE database transaction per batch: the new eventIds go into
 * {@code count_events} (unique; {@code ON CONFLICT DO NOTHING RETURNING} says which are new), their deltas are summed
 * per post and applied with one multi-row upsert, i.e. one row change per post per batch, however hot the post. The
 * listener returns only after that commit and the container (ack-mode BATCH, no auto-commit) then commits the offsets;
 * a crash in between redelivers the batch, which finds every eventId already recorded and adds nothing. Two instances
 * in one group split the partitions; during a rebalance both may see a batch, and the unique key makes the second
 * insert wait for the first and then skip.
 *
 * <p>Failures never block a partition longer than a backoff:
 *
 * <ul>
 *   <li>An unreadable record (poison) is sent to {@code likes.events.dlq} at once, with its cause; the rest of the
 *       batch is counted and the partition moves on.
 *   <li>When the batch transaction fails, the batch is counted event by event in small transactions. An event that
 *       still fails is parked in {@code count_events} as RETRYING with {@code next_attempt_at}; the offsets move on and
 *       other posts' events are not held up. {@link CountRetrier} retries parked events with exponential backoff and
 *       after the last retry marks them FAILED and sends them to the DLQ. A later event of the same post is counted
 *       meanwhile: deltas commute, so only the count's path differs, never its end.
 *   <li>When even parking fails (the database is down), the listener throws and the container's error handler retries
 *       the whole batch with backoff, offsets uncommitted: nothing can be counted anyway, and nothing is lost.
 * </ul>
 *
 * After the commit, the new absolute counts go to Redis in one pipelined round trip; a Redis failure is only logged.
 * Then each event counted now gets one log line inside its record's trace, so the like's trace id finds it.
 */
@Component
class CountConsumer {

    private static final Logger log = LoggerFactory.getLogger(CountConsumer.class);

    /** The like API's rule for postIds; anything else would not fit the tables and can never be counted. */
    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final CountApplier applier;
    private final CountRetrier retrier;
    private final DlqPublisher dlq;
    private final CountCache cache;
    private final CountMetrics metrics;
    private final RecordTrace traces;

    CountConsumer(
            CountApplier applier,
            CountRetrier retrier,
            DlqPublisher dlq,
            CountCache cache,
            CountMetrics metrics,
            RecordTrace traces) {
        this.applier = applier;
        this.retrier = retrier;
        this.dlq = dlq;
        this.cache = cache;
        this.metrics = metrics;
        this.traces = traces;
    }

    @KafkaListener(id = "count-consumer", topics = Topics.LIKE_EVENTS, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batch(records.size());
        Map<UUID, IncomingEvent> events = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> poison = new ArrayList<>();
        List<Exception> poisonCauses = new ArrayList<>();
        int duplicatesInBatch = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                LikeEvent event = parse(record);
                var incoming = new IncomingEvent(
                        event,
                        new String(record.value(), StandardCharsets.UTF_8),
                        record.partition(),
                        record.offset(),
                        record.headers());
                if (events.putIfAbsent(event.eventId(), incoming) != null) {
                    duplicatesInBatch++;
                }
            } catch (MalformedEventException e) {
                poison.add(record);
                poisonCauses.add(e);
            }
        }
        CountApplier.Counted counted = count(List.copyOf(events.values()));
        metrics.duplicates(duplicatesInBatch);
        cache.write(counted.counts());
        if (log.isDebugEnabled()) {
            for (IncomingEvent incoming : events.values()) {
                if (counted.fresh().contains(incoming.event().eventId())) {
                    traces.within(incoming.headers(), "count like", incoming.event(), CountConsumer::logCounted);
                }
            }
        }
        for (int i = 0; i < poison.size(); i++) {
            ConsumerRecord<String, byte[]> record = poison.get(i);
            // Sent after the commit and before the offsets: if the send fails the batch is redelivered, counts nothing
            // twice, and the poison record gets another chance to reach the DLQ.
            dlq.poison(record, poisonCauses.get(i));
            log.atWarn()
                    .addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset())
                    .addKeyValue("cause", poisonCauses.get(i).getMessage())
                    .log("unreadable record sent to the DLQ");
        }
    }

    private static void logCounted(LikeEvent event) {
        log.atDebug()
                .addKeyValue("postId", event.postId())
                .addKeyValue("eventId", event.eventId())
                .addKeyValue("type", event.type())
                .log("like counted");
    }

    private CountApplier.Counted count(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return new CountApplier.Counted(Map.of(), Set.of());
        }
        try {
            return applier.count(events.stream().map(IncomingEvent::event).toList());
        } catch (RuntimeException batchFailure) {
            log.atWarn()
                    .addKeyValue("events", events.size())
                    .addKeyValue("cause", rootMessage(batchFailure))
                    .log("batch could not be counted at once; counting its events one by one");
        }
        Map<String, Long> counts = new HashMap<>();
        Set<UUID> fresh = new HashSet<>();
        for (IncomingEvent incoming : events) {
            try {
                CountApplier.Counted one = applier.count(List.of(incoming.event()));
                counts.putAll(one.counts());
                fresh.addAll(one.fresh());
            } catch (RuntimeException eventFailure) {
                // Throws when even parking fails: the container then retries the whole batch with backoff.
                retrier.park(incoming, eventFailure);
            }
        }
        return new CountApplier.Counted(counts, fresh);
    }

    private static LikeEvent parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new MalformedEventException("Record has no value", null);
        }
        LikeEvent event = LikeEventJson.fromBytes(record.value());
        if (!POST_ID.matcher(event.postId()).matches()) {
            throw new MalformedEventException("postId is not 1-100 characters of [A-Za-z0-9_-]", null);
        }
        return event;
    }
}
