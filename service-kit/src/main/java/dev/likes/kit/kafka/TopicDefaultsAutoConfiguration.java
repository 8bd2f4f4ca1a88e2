package dev.likes.kit.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * {@link TopicDefaults} for every service with spring-kafka: its {@code NewTopic} beans take their replication factor
 * and {@code min.insync.replicas} from {@code likes.kafka.*} instead of each service choosing (or forgetting) them.
 */
@AutoConfiguration
@ConditionalOnClass(TopicBuilder.class)
@EnableConfigurationProperties(TopicProperties.class)
public class TopicDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TopicDefaults topicDefaults(TopicProperties properties) {
        return new TopicDefaults(properties);
    }
}
