package dev.likes.likeapi.outbox;

import dev.likes.events.Topics;
import dev.likes.kit.kafka.TopicDefaults;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the topics this service publishes to, if the broker does not have them yet, replicated as the cluster's size
 * asks ({@code likes.kafka.*}).
 */
@Configuration
class OutboxTopics {

    @Bean
    NewTopic likeEventsTopic(TopicDefaults topics, OutboxProperties properties) {
        return topics.topic(Topics.LIKE_EVENTS, properties.topicPartitions());
    }

    @Bean
    NewTopic postEventsTopic(TopicDefaults topics, OutboxProperties properties) {
        return topics.topic(Topics.POST_EVENTS, properties.topicPartitions());
    }
}
