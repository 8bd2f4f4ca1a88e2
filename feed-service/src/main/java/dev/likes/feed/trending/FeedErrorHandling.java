package dev.likes.feed.trending;

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
 * Retries a batch that failed (Redis unreachable) with exponential backoff; parks unreadable records at once, and
 * records that kept failing after {@code likes.feed.max-retries}, on {@code likes.feed-boost.dlq} (and {@code
 * likes.post-events.dlq} for the deletions), both declared here so they are replicated like every topic.
 */
@Configuration
class FeedErrorHandling {

    static final String DLQ = Topics.dlqOf(Topics.FEED_BOOST);

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<String, byte[]> template, FeedProperties properties) {
        // Partition -1: the producer picks one by key, so the DLQ needs no more partitions than its source.
        // <topic>.dlq: likes.feed-boost.dlq, and likes.post-events.dlq for the deletions.
        var toDlq = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.dlqOf(record.topic()), -1));
        var backOff = new ExponentialBackOffWithMaxRetries(properties.maxRetries());
        backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(toDlq, backOff);
        // Bytes that are not a LikeEvent stay so: retrying would only block the partition.
        handler.addNotRetryableExceptions(LikeEventJson.MalformedEventException.class);
        return handler;
    }

    @Bean
    NewTopic feedBoostDlqTopic(TopicDefaults topics, FeedProperties properties) {
        return topics.topic(DLQ, properties.topicPartitions());
    }

    @Bean
    NewTopic postEventsDlqTopic(TopicDefaults topics, FeedProperties properties) {
        return topics.topic(Topics.dlqOf(Topics.POST_EVENTS), properties.topicPartitions());
    }
}
