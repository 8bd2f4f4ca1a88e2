package dev.likes.counts.dlq;

import dev.likes.counts.count.CountProperties;
import dev.likes.events.Topics;
import dev.likes.kit.kafka.TopicDefaults;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares this service's dead-letter topics instead of leaving them to the broker's auto-creation, so they are
 * replicated like every topic of the suite ({@code likes.kafka.*}): a record parked on the DLQ is the only copy of an
 * event given up on, and must survive a broker.
 */
@Configuration
class DlqTopics {

    @Bean
    NewTopic likeEventsDlqTopic(TopicDefaults topics, CountProperties properties) {
        return topics.topic(DlqPublisher.DLQ_TOPIC, properties.dlqPartitions());
    }

    @Bean
    NewTopic postEventsDlqTopic(TopicDefaults topics, CountProperties properties) {
        return topics.topic(Topics.dlqOf(Topics.POST_EVENTS), properties.dlqPartitions());
    }
}
