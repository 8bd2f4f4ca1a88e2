package dev.likes.kit.kafka;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@code kafka} health contributor in every service that talks to a broker. Whether it gates readiness is each
 * service's choice ({@code management.endpoint.health.group.readiness.include}); {@code
 * management.health.kafka.enabled=false} switches it off.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, SharedAdminClientAutoConfiguration.class})
@ConditionalOnClass({KafkaAdmin.class, HealthIndicator.class})
@ConditionalOnBean(SharedAdminClient.class)
@ConditionalOnEnabledHealthIndicator("kafka")
public class KafkaHealthAutoConfiguration {

    // The bean name makes the contributor's name: "kafkaHealthIndicator" is shown as "kafka".
    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(SharedAdminClient admin) {
        return new KafkaHealthIndicator(admin);
    }
}
