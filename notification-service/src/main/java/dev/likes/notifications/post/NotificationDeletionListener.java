package dev.likes.notifications.post;

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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code likes.post-events} in its own group: a deleted post's unread notifications go, and neither listener
 * notifies or pushes anything more for it ({@link DeletedPosts}). Types this service does not know are skipped and
 * counted ({@code likes.notifications.post-events{result="skipped"}}); an unreadable record goes to {@code
 * likes.post-events.dlq}. Deleting is idempotent, so no processed-events entry is needed.
 */
@Component
class NotificationDeletionListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationDeletionListener.class);

    private final DeletedPosts deletedPosts;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    NotificationDeletionListener(DeletedPosts deletedPosts, TransactionTemplate transactions, MeterRegistry meters) {
        this.deletedPosts = deletedPosts;
        this.transactions = transactions;
        this.meters = meters;
    }

    // Bytes, not the LikeEvent the other listeners' deserializer makes.
    @KafkaListener(
            id = "notification-service-post-events",
            groupId = "notification-service-post-events",
            topics = Topics.POST_EVENTS,
            batch = "true",
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    void onPostEvents(List<ConsumerRecord<String, byte[]>> records) {
        PostDeletions batch = PostDeletions.read(records);
        delete(batch.deleted().stream()
                .map(event -> new DeletedPosts.Deletion(event.postId(), event.ownerId()))
                .toList());
        BatchOutcome.finish(meters, "likes.notifications.post-events", batch.skipped(), batch.poison(), batch.cause());
    }

    private void delete(List<DeletedPosts.Deletion> deletions) {
        if (deletions.isEmpty()) {
            return;
        }
        Integer removed = transactions.execute(status -> deletedPosts.delete(deletions));
        meters.counter("likes.notifications.post-events", "result", "deleted").increment(deletions.size());
        log.atInfo()
                .addKeyValue("posts", deletions.size())
                .addKeyValue("unreadRemoved", removed)
                .log("deleted posts forgotten");
    }
}
