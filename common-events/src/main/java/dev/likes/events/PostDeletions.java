package dev.likes.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a batch of {@code likes.post-events} records asks of a consumer: the posts deleted, read in order up to the
 * first record that is not a post event (the poison, which the consumer parks after applying the deletions before it),
 * and how many events were of a type it skips.
 *
 * @param deleted the {@code POST_DELETED} events before the poison, in order
 * @param skipped events of any other type before the poison
 * @param poison the first unreadable record, or null
 * @param cause why it is unreadable, or null
 */
public record PostDeletions(
        List<PostEvent> deleted,
        int skipped,
        ConsumerRecord<String, byte[]> poison,
        LikeEventJson.MalformedEventException cause) {

    public static PostDeletions read(List<ConsumerRecord<String, byte[]>> records) {
        List<PostEvent> deleted = new ArrayList<>();
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            PostEvent event;
            try {
                event = PostEventJson.fromBytes(record.value() == null ? new byte[0] : record.value());
            } catch (LikeEventJson.MalformedEventException e) {
                return new PostDeletions(deleted, skipped, record, e);
            }
            if (event.type() == PostEventType.POST_DELETED) {
                deleted.add(event);
            } else {
                skipped++;
            }
        }
        return new PostDeletions(deleted, skipped, null, null);
    }

    /** The ids of the deleted posts, in order. */
    public List<String> postIds() {
        return deleted.stream().map(PostEvent::postId).toList();
    }
}
