package dev.likes.kit.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;

/**
 * {@link Traces} wherever Micrometer Tracing is on the class path, and {@link RecordTrace} where spring-kafka is too.
 * Both look the tracer up per call, so they work, without trace ids, where tracing is switched off.
 */
@AutoConfiguration
@ConditionalOnClass(Tracer.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Traces traces(ObjectProvider<Tracer> tracer) {
        return new Traces(tracer);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Headers.class, KafkaListenerObservation.class})
    static class RecordTraceConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RecordTrace recordTrace(
                ObjectProvider<Tracer> tracer,
                ObjectProvider<Propagator> propagator,
                ObjectProvider<ObservationRegistry> observations) {
            return new RecordTrace(tracer, propagator, observations);
        }
    }
}
