package dev.likes.likeapi.outbox;

import dev.likes.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Creates the topics this service publishes to, if the broker does not have them yet. */
@Configuration
class OutboxTopics {

    @Bean
    NewTopic likeEventsTopic(OutboxProperties properties) {
        return TopicBuilder.name(Topics.LIKE_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic postEventsTopic(OutboxProperties properties) {
        return TopicBuilder.name(Topics.POST_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }
}
