package dev.likes.counts.count;

import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The listener container's error handling. */
@Configuration
class KafkaConsumerConfiguration {

    /**
     * Reached only when the listener throws, i.e. when the database cannot even park a failing event: then nothing can
     * be counted, so the whole batch is retried with backoff (1 s doubling to 16 s) for as long as it takes, offsets
     * uncommitted. Poison records and events that keep failing are handled inside the listener (DLQ, retrier) and never
     * get here, which is why the backoff has no limit and the dead-letter recoverer (to {@code <topic>.dlq}, the suite's
     * naming) is only the last resort the house style asks for.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template) {
        var toDlq = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.dlqOf(record.topic()), -1));
        var backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(16_000);
        var handler = new DefaultErrorHandler(toDlq, backOff);
        // The post-events listener reports an unreadable record this way: retrying cannot fix it, so it is parked.
        handler.addNotRetryableExceptions(LikeEventJson.MalformedEventException.class);
        return handler;
    }
}
