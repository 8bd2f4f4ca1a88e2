package dev.likes.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TopicDefaultsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TopicDefaultsAutoConfiguration.class))
            .withUserConfiguration(ServiceTopics.class);

    /** A service's topic declaration, as the services write them. */
    @Configuration(proxyBeanMethods = false)
    static class ServiceTopics {
        @Bean
        NewTopic eventsTopic(TopicDefaults topics) {
            return topics.topic("likes.events", 12);
        }
    }

    @Test
    void aServiceOnOneBrokerDeclaresOneReplicaAndOneInSyncReplica() {
        runner.run(context -> {
            var topic = context.getBean(NewTopic.class);
            assertThat(topic.name()).isEqualTo("likes.events");
            assertThat(topic.numPartitions()).isEqualTo(12);
            assertThat(topic.replicationFactor()).isEqualTo((short) 1);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
        });
    }

    @Test
    void onAClusterOfThreeEveryTopicHasThreeReplicasAndNeedsTwoInSync() {
        runner.withPropertyValues("likes.kafka.topic-replication-factor=3", "likes.kafka.topic-min-insync-replicas=2")
                .run(context -> {
                    var topic = context.getBean(NewTopic.class);
                    assertThat(topic.numPartitions()).isEqualTo(12);
                    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                    assertThat(topic.configs()).isEqualTo(Map.of("min.insync.replicas", "2"));
                });
    }

    @Test
    void theBuilderKeepsTheReplicationSettingsBesideTheServicesOwnConfigs() {
        runner.withPropertyValues("likes.kafka.topic-replication-factor=3", "likes.kafka.topic-min-insync-replicas=2")
                .run(context -> {
                    var topic = context.getBean(TopicDefaults.class)
                            .builder("likes.events.dlq")
                            .partitions(4)
                            .config("retention.ms", "1209600000")
                            .build();
                    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                    assertThat(topic.configs())
                            .containsEntry("min.insync.replicas", "2")
                            .containsEntry("retention.ms", "1209600000");
                });
    }

    @Test
    void moreInSyncReplicasThanReplicasFailsTheStartInsteadOfEveryWrite() {
        runner.withPropertyValues("likes.kafka.topic-replication-factor=1", "likes.kafka.topic-min-insync-replicas=2")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("likes.kafka.topic-min-insync-replicas"));
    }

    @Test
    void noReplicasAtAllFailsTheStart() {
        runner.withPropertyValues("likes.kafka.topic-replication-factor=0").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("likes.kafka.topic-replication-factor"));
    }

    @Test
    void aServiceMayBringItsOwnTopicDefaults() {
        runner.withBean(TopicDefaults.class, () -> new TopicDefaults(new TopicProperties(2, 2)))
                .run(context -> assertThat(context.getBean(NewTopic.class).replicationFactor())
                        .isEqualTo((short) 2));
    }
}
