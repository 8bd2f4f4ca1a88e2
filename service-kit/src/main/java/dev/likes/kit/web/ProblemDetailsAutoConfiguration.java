package dev.likes.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.kit.tracing.Traces;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * problem+json for every servlet service: the {@link ProblemDetailsAdvice} (before Spring MVC's, which backs off from
 * any {@link ResponseEntityExceptionHandler}) and the {@link ProblemResponses} writer.
 */
@AutoConfiguration(
        before = WebMvcAutoConfiguration.class,
        after = {JacksonAutoConfiguration.class, TracingAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ResponseEntityExceptionHandler.class, ObjectMapper.class})
public class ProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses(
            ObjectProvider<ObjectMapper> json,
            ObjectProvider<Traces> traces,
            ObjectProvider<RejectionListener> rejectionListeners) {
        return new ProblemResponses(
                json.getIfAvailable(ObjectMapper::new),
                traces.getIfAvailable(),
                rejectionListeners.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice problemDetailsAdvice(ProblemResponses problems) {
        return new ProblemDetailsAdvice(problems);
    }
}
