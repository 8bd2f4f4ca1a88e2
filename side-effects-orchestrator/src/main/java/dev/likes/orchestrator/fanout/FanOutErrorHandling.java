package dev.likes.orchestrator.fanout;

import dev.likes.events.LikeEventJson;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Retries a batch whose fan-out was not acknowledged, with exponential backoff; gives up on a record after {@code
 * likes.fanout.max-retries} and parks it, with the cause in the headers, on {@code likes.events.orchestrator.dlq}.
 */
@Configuration
class FanOutErrorHandling {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<String, byte[]> template, FanOutProperties properties) {
        // Partition -1: the producer picks one by key, so the DLQ needs no more partitions than likes.events has.
        var toDlq = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(FanOutTopics.ORCHESTRATOR_DLQ, -1));
        var backOff = new ExponentialBackOffWithMaxRetries(properties.maxRetries());
        backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        var handler = new DefaultErrorHandler(toDlq, backOff);
        // Bytes that are not a LikeEvent stay so: retrying would only block the partition.
        handler.addNotRetryableExceptions(LikeEventJson.MalformedEventException.class);
        return handler;
    }
}
