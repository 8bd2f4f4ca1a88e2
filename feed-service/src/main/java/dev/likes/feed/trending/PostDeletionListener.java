package dev.likes.feed.trending;

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
 * Consumes {@code likes.post-events}: a deleted post leaves trending at once and stays out. Types this service does not
 * know are skipped (counted in {@code likes.feed.post-events{result="skipped"}}), so the like API may announce new ones
 * before this service is upgraded. Forgetting a post is idempotent, so no dedupe marker is needed.
 */
@Component
class PostDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(PostDeletionListener.class);

    private final TrendingScores scores;
    private final MeterRegistry meters;

    PostDeletionListener(TrendingScores scores, MeterRegistry meters) {
        this.scores = scores;
        this.meters = meters;
    }

    @KafkaListener(id = "feed-service-post-events", topics = Topics.POST_EVENTS, batch = "true")
    void onPostEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<String> deleted = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] value = records.get(i).value();
            PostEvent event;
            try {
                event = PostEventJson.fromBytes(value == null ? new byte[0] : value);
            } catch (LikeEventJson.MalformedEventException e) {
                forget(deleted);
                throw new BatchListenerFailedException("not a post event: " + e.getMessage(), e, records.get(i));
            }
            if (event.type() == PostEventType.POST_DELETED) {
                deleted.add(event.postId());
            } else {
                skipped++;
            }
        }
        forget(deleted);
        if (skipped > 0) {
            meters.counter("likes.feed.post-events", "result", "skipped").increment(skipped);
        }
    }

    private void forget(List<String> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        scores.forget(postIds);
        meters.counter("likes.feed.post-events", "result", "deleted").increment(postIds.size());
        postIds.forEach(postId -> log.atInfo().addKeyValue("postId", postId).log("deleted post dropped from trending"));
    }
}
