package dev.likes.kit.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics a service declares are replicated ({@code likes.kafka.*}). The defaults fit one broker (the local
 * stack's and compose's); a cluster of three sets 3 and 2, so that an acknowledged record is on two brokers and one
 * broker may die without losing it or stopping the writes.
 *
 * @param topicReplicationFactor copies of every partition; at most the number of brokers
 * @param topicMinInsyncReplicas copies that must have a record before an {@code acks=all} send is acknowledged; at most
 *     the replication factor, or no write could ever succeed
 */
@ConfigurationProperties("likes.kafka")
public record TopicProperties(
        @DefaultValue("1") int topicReplicationFactor, @DefaultValue("1") int topicMinInsyncReplicas) {

    public TopicProperties {
        if (topicReplicationFactor < 1 || topicReplicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "likes.kafka.topic-replication-factor must be at least 1, got " + topicReplicationFactor);
        }
        if (topicMinInsyncReplicas < 1 || topicMinInsyncReplicas > topicReplicationFactor) {
            throw new IllegalArgumentException("likes.kafka.topic-min-insync-replicas must be from 1 to the replication"
                    + " factor (" + topicReplicationFactor + "), got " + topicMinInsyncReplicas
                    + ": with more, no acks=all write could succeed");
        }
    }
}
