package dev.likes.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * The freshness gauge {@code likes.pipeline.oldest.age{hop}} of a consuming service, for the hop it names with {@code
 * likes.pipeline.hop} (counts, fanout, notifications, feed). Spring Boot hands the interceptor to the batch listener
 * containers it configures.
 */
@AutoConfiguration(after = CompositeMeterRegistryAutoConfiguration.class)
@ConditionalOnClass({BatchInterceptor.class, MeterRegistry.class})
@ConditionalOnProperty("likes.pipeline.hop")
@ConditionalOnBean(MeterRegistry.class)
public class PipelineFreshnessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PipelineFreshness pipelineFreshness(@Value("${likes.pipeline.hop}") String hop, MeterRegistry meters) {
        return new PipelineFreshness(hop, meters);
    }
}
