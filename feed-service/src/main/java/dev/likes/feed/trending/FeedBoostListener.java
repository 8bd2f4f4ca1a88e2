package dev.likes.feed.trending;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.kit.tracing.RecordTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code likes.feed-boost} in batches and applies each batch to the scores in one Redis round trip. Offsets
 * are committed after the script ran; a redelivered event finds its dedupe marker and changes nothing. Each event
 * applied now gets one log line inside its record's trace, so the like's trace id finds it here too.
 */
@Component
class FeedBoostListener {

    private static final Logger log = LoggerFactory.getLogger(FeedBoostListener.class);

    private final TrendingScores scores;
    private final RecordTrace traces;
    private final Map<LikeEventType, Counter> updates = new EnumMap<>(LikeEventType.class);

    FeedBoostListener(TrendingScores scores, RecordTrace traces, MeterRegistry meters) {
        this.scores = scores;
        this.traces = traces;
        for (LikeEventType type : LikeEventType.values()) {
            updates.put(
                    type,
                    Counter.builder("likes.feed.updates")
                            .description("Feed-boost events applied to the trending scores (redeliveries excluded)")
                            .tag("type", type.name())
                            .register(meters));
        }
    }

    @KafkaListener(id = "feed-service", topics = Topics.FEED_BOOST, batch = "true")
    void onBoosts(List<ConsumerRecord<String, byte[]>> records) {
        List<LikeEvent> events = new ArrayList<>(records.size());
        int poisonIndex = -1;
        RuntimeException poison = null;
        for (int i = 0; i < records.size(); i++) {
            byte[] value = records.get(i).value();
            try {
                events.add(LikeEventJson.fromBytes(value == null ? new byte[0] : value));
            } catch (LikeEventJson.MalformedEventException e) {
                // Apply what came before it; the error handler parks it and redelivers the rest.
                poisonIndex = i;
                poison = e;
                break;
            }
        }
        List<Boolean> applied = scores.apply(events);
        boolean logApplied = log.isDebugEnabled();
        int duplicates = 0;
        for (int i = 0; i < events.size(); i++) {
            if (applied.get(i)) {
                updates.get(events.get(i).type()).increment();
                if (logApplied) {
                    traces.within(
                            records.get(i).headers(), "apply feed boost", events.get(i), FeedBoostListener::logApplied);
                }
            } else {
                duplicates++;
            }
        }
        log.atDebug()
                .addKeyValue("events", events.size())
                .addKeyValue("duplicates", duplicates)
                .log("feed boosts applied");
        if (poison != null) {
            ConsumerRecord<String, byte[]> failed = records.get(poisonIndex);
            log.atWarn()
                    .addKeyValue("partition", failed.partition())
                    .addKeyValue("offset", failed.offset())
                    .addKeyValue("cause", poison.getMessage())
                    .log("not a LikeEvent; parking it on " + FeedErrorHandling.DLQ);
            throw new BatchListenerFailedException("not a LikeEvent: " + poison.getMessage(), poison, failed);
        }
    }

    private static void logApplied(LikeEvent event) {
        log.atDebug()
                .addKeyValue("postId", event.postId())
                .addKeyValue("eventId", event.eventId())
                .addKeyValue("type", event.type())
                .log("feed boost applied");
    }
}
