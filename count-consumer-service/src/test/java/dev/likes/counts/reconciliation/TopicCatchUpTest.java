package dev.likes.counts.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicCatchUpTest {

    /** Reconciliation must look at the partition the relay's producer actually wrote the post's events to. */
    @ParameterizedTest
    @ValueSource(strings = {"hello-world", "post-1", "post-1001", "Ünïcode-post", "a", "celebrity-9000000"})
    void aPostsPartitionIsTheOneKafkasDefaultPartitionerPicksForItsKey(String postId) {
        for (int partitions : new int[] {1, 3, 6, 12, 16}) {
            assertThat(TopicCatchUp.partitionOf(postId, partitions))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(postId.getBytes(StandardCharsets.UTF_8), partitions));
        }
    }
}
