package dev.likes.notifications.messaging;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventSerializer;
import dev.likes.events.Topics;
import dev.likes.kit.kafka.TopicDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One error handler for both listeners: transient failures (the database restarting) retry with exponential backoff;
 * what retrying cannot fix, or what still fails after the backoff, goes to {@code <topic>.dlq} instead of blocking its
 * partition. The dead-letter topics are declared here, replicated like every topic ({@code likes.kafka.*}), rather
 * than left to the broker's auto-creation: a parked record is the only copy of what was given up on.
 */
@Configuration
class KafkaConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaProperties properties) {
        // A poison record arrives as its raw bytes, a failed one as the deserialized event: serialize both.
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(LikeEvent.class, new LikeEventSerializer());
        var producerFactory = new DefaultKafkaProducerFactory<String, Object>(
                properties.buildProducerProperties(null),
                new StringSerializer(),
                new DelegatingByTypeSerializer(byType));
        var dlqTemplate = new KafkaTemplate<>(producerFactory);
        var toDlq = new DeadLetterPublishingRecoverer(
                dlqTemplate, (record, e) -> new TopicPartition(Topics.dlqOf(record.topic()), -1));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxElapsedTime(15_000);
        var handler = new DefaultErrorHandler(toDlq, backOff);
        handler.addNotRetryableExceptions(LikeEventJson.MalformedEventException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean
    NewTopic notifyOwnerDlqTopic(TopicDefaults topics, DeadLetterProperties properties) {
        return topics.topic(Topics.dlqOf(Topics.NOTIFY_OWNER), properties.partitions());
    }

    @Bean
    NewTopic pushDlqTopic(TopicDefaults topics, DeadLetterProperties properties) {
        return topics.topic(Topics.dlqOf(Topics.PUSH), properties.partitions());
    }

    @Bean
    NewTopic postEventsDlqTopic(TopicDefaults topics, DeadLetterProperties properties) {
        return topics.topic(Topics.dlqOf(Topics.POST_EVENTS), properties.partitions());
    }
}
