package dev.likes.kit.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** The {@link SharedAdminClient} of every service that talks to a broker. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(KafkaAdmin.class)
public class SharedAdminClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SharedAdminClient sharedAdminClient(KafkaAdmin kafkaAdmin) {
        return new SharedAdminClient(kafkaAdmin);
    }
}
