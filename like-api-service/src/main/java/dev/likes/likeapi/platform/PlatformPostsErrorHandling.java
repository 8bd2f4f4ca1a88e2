package dev.likes.likeapi.platform;

import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import dev.likes.kit.kafka.TopicDefaults;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * This service's only listener is the platform's topic: a batch that failed (the database restarting) is retried with
 * exponential backoff; a record that cannot be a post event is parked at once, with the cause in its headers, on
 * {@code <topic>.dlq}, so one bad record never blocks the posts after it.
 */
@Configuration
class PlatformPostsErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(
            KafkaOperations<String, byte[]> template, PlatformPostsProperties properties) {
        // Partition -1: the producer picks one by key, so the DLQ needs no more partitions than the platform's topic.
        var toDlq = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.dlqOf(record.topic()), -1));
        var backOff = new ExponentialBackOffWithMaxRetries(properties.maxRetries());
        backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(toDlq, backOff);
        // Bytes that are not a post event stay so: retrying would only block the partition.
        handler.addNotRetryableExceptions(LikeEventJson.MalformedEventException.class);
        return handler;
    }

    @Bean
    NewTopic platformPostsDlqTopic(TopicDefaults topics, PlatformPostsProperties properties) {
        // Only the DLQ: the platform's topic is the platform's, and declaring it here could add partitions to it,
        // which would move keys between partitions and break per-post order.
        return topics.topic(properties.dlq(), properties.dlqPartitions());
    }
}
