package dev.likes.counts.reconciliation;

import dev.likes.events.Topics;
import dev.likes.kit.kafka.SharedAdminClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Whether the count consumer group has counted everything published to {@code likes.events} up to a moment: its
 * committed offset on a partition reached that partition's end offset read at that moment. Offsets are committed only
 * after the batch's counting transaction (or its parking for retry) committed, so a partition caught up past an end
 * offset read after a database snapshot holds no uncounted event of any like row in that snapshot. Compares with the
 * high watermark, which is right because the relay's producer is not transactional (no commit markers to skip).
 */
@Component
class TopicCatchUp {

    static final String CONSUMER_ID = "count-consumer";

    private final SharedAdminClient admin;
    private final KafkaListenerEndpointRegistry listeners;

    TopicCatchUp(SharedAdminClient admin, KafkaListenerEndpointRegistry listeners) {
        this.admin = admin;
        this.listeners = listeners;
    }

    /**
     * Reads the end offsets of the posts' partitions now, then waits up to {@code timeout} for the group to commit past
     * them.
     *
     * @return the posts whose partition caught up; the others still have events on the way
     */
    Set<String> caughtUp(Set<String> postIds, Duration timeout) {
        if (postIds.isEmpty()) {
            return Set.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin client = admin.get();
        int partitions = get(client.describeTopics(Set.of(Topics.LIKE_EVENTS)).allTopicNames(), deadline)
                .get(Topics.LIKE_EVENTS)
                .partitions()
                .size();
        Map<String, TopicPartition> partitionOfPost = new HashMap<>();
        for (String post : postIds) {
            partitionOfPost.put(post, new TopicPartition(Topics.LIKE_EVENTS, partitionOf(post, partitions)));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitionOfPost.values().forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                get(client.listOffsets(latest).all(), deadline);

        String group = listeners.getListenerContainer(CONSUMER_ID).getGroupId();
        Set<TopicPartition> caughtUp = new HashSet<>();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(client.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), deadline);
            ends.forEach((partition, end) -> {
                OffsetAndMetadata offset = committed.get(partition);
                if (end.offset() == 0 || (offset != null && offset.offset() >= end.offset())) {
                    caughtUp.add(partition);
                }
            });
            if (caughtUp.size() == ends.size() || System.nanoTime() > deadline) {
                break;
            }
            pause();
        }
        Set<String> posts = new HashSet<>();
        partitionOfPost.forEach((post, partition) -> {
            if (caughtUp.contains(partition)) {
                posts.add(post);
            }
        });
        return posts;
    }

    /** The partition the relay's producer picks for a post: Kafka's default partitioner on the post id as key. */
    static int partitionOf(String postId, int partitions) {
        return Utils.toPositive(Utils.murmur2(postId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the count consumer", e);
        }
    }

    private static <T> T get(KafkaFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()) + 2_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka did not answer: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time", e);
        }
    }
}
