package dev.likes.counts.cache;

import dev.likes.events.PostDeletions;
import dev.likes.events.Topics;
import dev.likes.kit.kafka.BatchOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code likes.post-events}: a deleted post's count leaves the cache and is not cached again (the like API
 * answers 404 for it). The counts in PostgreSQL stay as they are, so nothing counted is ever uncounted. Types this
 * service does not know are skipped and counted ({@code likes.counts.post-events{result="skipped"}}); an unreadable
 * record goes to {@code likes.post-events.dlq}. Forgetting is idempotent, so no dedupe is needed.
 */
@Component
class CountCacheDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(CountCacheDeletionListener.class);

    private final CountCache cache;
    private final MeterRegistry meters;

    CountCacheDeletionListener(CountCache cache, MeterRegistry meters) {
        this.cache = cache;
        this.meters = meters;
    }

    @KafkaListener(id = "count-consumer-post-events", topics = Topics.POST_EVENTS, batch = "true")
    void onPostEvents(List<ConsumerRecord<String, byte[]>> records) {
        PostDeletions batch = PostDeletions.read(records);
        forget(batch.postIds());
        BatchOutcome.finish(meters, "likes.counts.post-events", batch.skipped(), batch.poison(), batch.cause());
    }

    private void forget(List<String> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        cache.forget(postIds);
        meters.counter("likes.counts.post-events", "result", "deleted").increment(postIds.size());
        log.atInfo().addKeyValue("posts", postIds.size()).log("deleted posts no longer cached");
    }
}
