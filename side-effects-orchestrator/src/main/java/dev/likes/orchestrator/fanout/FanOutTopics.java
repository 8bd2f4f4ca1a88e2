package dev.likes.orchestrator.fanout;

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
class FanOutTopics {

    private final TopicDefaults topics;
    private final FanOutProperties properties;

    FanOutTopics(TopicDefaults topics, FanOutProperties properties) {
        this.topics = topics;
        this.properties = properties;
    }

    /**
     * The orchestrator's own dead-letter topic. Not {@code likes.events.dlq}: that one belongs to the count consumer,
     * and its replay would feed the orchestrator's rejects into the counts.
     */
    static final String ORCHESTRATOR_DLQ = Topics.LIKE_EVENTS + ".orchestrator" + Topics.DLQ_SUFFIX;

    @Bean
    NewTopic notifyOwnerTopic() {
        return topic(Topics.NOTIFY_OWNER);
    }

    @Bean
    NewTopic pushTopic() {
        return topic(Topics.PUSH);
    }

    @Bean
    NewTopic feedBoostTopic() {
        return topic(Topics.FEED_BOOST);
    }

    @Bean
    NewTopic orchestratorDlqTopic() {
        return topic(ORCHESTRATOR_DLQ);
    }

    private NewTopic topic(String name) {
        return topics.topic(name, properties.topicPartitions());
    }
}
