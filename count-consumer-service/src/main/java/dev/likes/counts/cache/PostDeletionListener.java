package dev.likes.counts.cache;

import dev.likes.events.LikeEventJson;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.PostEventType;
import dev.likes.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code likes.post-events}: a deleted post's count leaves the cache and is not cached again (the like API
 * answers 404 for it). The counts in PostgreSQL stay as they are, so nothing counted is ever uncounted. Types this
 * service does not know are skipped and counted ({@code likes.counts.post-events{result="skipped"}}); an unreadable
 * record goes to {@code likes.post-events.dlq}. Forgetting is idempotent, so no dedupe is needed.
 */
@Component
class PostDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(PostDeletionListener.class);

    private final CountCache cache;
    private final MeterRegistry meters;

    PostDeletionListener(CountCache cache, MeterRegistry meters) {
        this.cache = cache;
        this.meters = meters;
    }

    @KafkaListener(id = "count-consumer-post-events", topics = Topics.POST_EVENTS, batch = "true")
    void onPostEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<String> deleted = new ArrayList<>();
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            PostEvent event;
            try {
                event = PostEventJson.fromBytes(record.value() == null ? new byte[0] : record.value());
            } catch (LikeEventJson.MalformedEventException e) {
                forget(deleted);
                throw new BatchListenerFailedException("not a post event: " + e.getMessage(), e, record);
            }
            if (event.type() == PostEventType.POST_DELETED) {
                deleted.add(event.postId());
            } else {
                skipped++;
            }
        }
        forget(deleted);
        if (skipped > 0) {
            meters.counter("likes.counts.post-events", "result", "skipped").increment(skipped);
        }
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
