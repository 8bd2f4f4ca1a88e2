package dev.likes.feed.trending;

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
 * Consumes {@code likes.post-events}: a deleted post leaves trending at once and stays out. Types this service does not
 * know are skipped (counted in {@code likes.feed.post-events{result="skipped"}}), so the like API may announce new ones
 * before this service is upgraded. Forgetting a post is idempotent, so no dedupe marker is needed.
 */
@Component
class TrendingDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(TrendingDeletionListener.class);

    private final TrendingScores scores;
    private final MeterRegistry meters;

    TrendingDeletionListener(TrendingScores scores, MeterRegistry meters) {
        this.scores = scores;
        this.meters = meters;
    }

    @KafkaListener(id = "feed-service-post-events", topics = Topics.POST_EVENTS, batch = "true")
    void onPostEvents(List<ConsumerRecord<String, byte[]>> records) {
        PostDeletions batch = PostDeletions.read(records);
        forget(batch.postIds());
        BatchOutcome.finish(meters, "likes.feed.post-events", batch.skipped(), batch.poison(), batch.cause());
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
