package dev.likes.kit.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The one way a service declares its topics (DLQs included), so that every topic follows the cluster's size: the
 * replication factor and {@code min.insync.replicas} of {@code likes.kafka.*} ({@link TopicProperties}), the partitions
 * the service chooses. They apply when a topic is created: one that already exists keeps its replicas and settings
 * (growing a topic's replicas is a reassignment, an operator's job, not a start-up side effect).
 */
public final class TopicDefaults {

    private final TopicProperties properties;

    public TopicDefaults(TopicProperties properties) {
        this.properties = properties;
    }

    /** A builder with the replication settings filled in, for a topic that needs more than partitions. */
    public TopicBuilder builder(String name) {
        return TopicBuilder.name(name)
                .replicas(properties.topicReplicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.topicMinInsyncReplicas()));
    }

    /** The topic {@code name} with {@code partitions} partitions, replicated as configured. */
    public NewTopic topic(String name, int partitions) {
        return builder(name).partitions(partitions).build();
    }

    public int replicationFactor() {
        return properties.topicReplicationFactor();
    }

    public int minInsyncReplicas() {
        return properties.topicMinInsyncReplicas();
    }
}
