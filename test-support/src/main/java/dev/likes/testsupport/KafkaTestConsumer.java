package dev.likes.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer that reads a topic in its own group, so a test sees exactly what is on the topic, duplicates
 * included: from the beginning ({@link #of}), or from the moment it was made ({@link #fromNow}), which a test that
 * runs after others should prefer, because the topic may hold hundreds of thousands of their events. Close it after
 * use.
 */
public final class KafkaTestConsumer implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public KafkaTestConsumer(String bootstrapServers, String topic) {
        consumer = consumer(bootstrapServers);
        consumer.subscribe(List.of(topic));
    }

    private KafkaTestConsumer(KafkaConsumer<String, byte[]> positioned) {
        consumer = positioned;
    }

    /** A consumer of {@code topic} on this JVM's broker, from the beginning of the topic. */
    public static KafkaTestConsumer of(String topic) {
        return new KafkaTestConsumer(LikesInfrastructure.get().kafkaBootstrapServers(), topic);
    }

    /** A consumer of {@code topic} on this JVM's broker that sees only what is written after this call returns. */
    public static KafkaTestConsumer fromNow(String topic) {
        var consumer = consumer(LikesInfrastructure.get().kafkaBootstrapServers());
        var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException(topic + " does not exist yet: start what declares it first");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Positions are resolved lazily; resolving them now pins "the end" to this moment.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        return new KafkaTestConsumer(consumer);
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Polls briefly and returns every record seen so far, from the start of the topic. */
    public List<ConsumerRecord<String, byte[]>> poll() {
        var batch = consumer.poll(Duration.ofMillis(200));
        // Drains what has already been fetched, so a topic with a long history is read in a few calls, not hundreds.
        while (!batch.isEmpty()) {
            batch.forEach(seen::add);
            batch = consumer.poll(Duration.ZERO);
        }
        return List.copyOf(seen);
    }

    /** Every record seen so far that matches. */
    public List<ConsumerRecord<String, byte[]>> poll(Predicate<ConsumerRecord<String, byte[]>> matching) {
        return poll().stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
