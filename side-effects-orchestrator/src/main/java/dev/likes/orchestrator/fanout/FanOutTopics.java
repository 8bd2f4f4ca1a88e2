package dev.likes.orchestrator.fanout;

import dev.likes.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Creates the topics this service publishes to, if the broker does not have them yet. */
@Configuration
class FanOutTopics {

    /**
     * The orchestrator's own dead-letter topic. Not {@code likes.events.dlq}: that one belongs to the count consumer,
     * and its replay would feed the orchestrator's rejects into the counts.
     */
    static final String ORCHESTRATOR_DLQ = Topics.LIKE_EVENTS + ".orchestrator" + Topics.DLQ_SUFFIX;

    @Bean
    NewTopic notifyOwnerTopic(FanOutProperties properties) {
        return topic(Topics.NOTIFY_OWNER, properties);
    }

    @Bean
    NewTopic pushTopic(FanOutProperties properties) {
        return topic(Topics.PUSH, properties);
    }

    @Bean
    NewTopic feedBoostTopic(FanOutProperties properties) {
        return topic(Topics.FEED_BOOST, properties);
    }

    @Bean
    NewTopic orchestratorDlqTopic(FanOutProperties properties) {
        return topic(ORCHESTRATOR_DLQ, properties);
    }

    private static NewTopic topic(String name, FanOutProperties properties) {
        return TopicBuilder.name(name).partitions(properties.topicPartitions()).build();
    }
}
