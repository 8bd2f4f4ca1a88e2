package dev.likes.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.kit.security.ProblemRequestRejectedHandler;
import dev.likes.kit.tracing.Traces;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * problem+json for every servlet service: the {@link ProblemDetailsAdvice} (before Spring MVC's, which backs off from
 * any {@link ResponseEntityExceptionHandler}), the {@link ProblemResponses} writer, the error page ({@link
 * ProblemErrorController}, instead of Boot's), the firewall's refusals, a 503 for a store out of reach ({@link
 * DataAccessProblemsAdvice}), and the request body limit
 * ({@code likes.http.max-body-size}).
 */
@AutoConfiguration(
        before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class},
        after = {JacksonAutoConfiguration.class, TracingAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ResponseEntityExceptionHandler.class, ObjectMapper.class})
@EnableConfigurationProperties(HttpLimitsProperties.class)
public class ProblemDetailsAutoConfiguration {

    /**
     * The kit's refusing filters run here: right after Boot's {@code ServerHttpObservationFilter} (highest precedence
     * + 1), whose observation gives their problems a trace id, and before the security filters could read a body.
     */
    public static final int FIRST_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

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

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ProblemResponses problems) {
        return new ProblemErrorController(problems);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            ProblemResponses problems, HttpLimitsProperties limits) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(problems, limits.maxBodySize().toBytes()));
        // Before anything that could read the body, the security filters included.
        // Right after the request's observation starts (so the answer carries its trace id), before anything else.
        registration.setOrder(ProblemDetailsAutoConfiguration.FIRST_FILTER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MalformedUriFilter> malformedUriFilter(ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new MalformedUriFilter(problems));
        registration.setOrder(FIRST_FILTER_ORDER);
        return registration;
    }

    @Bean
    LenientAcceptHeader lenientAcceptHeader() {
        return new LenientAcceptHeader();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataAccessException.class)
    static class DataAccessProblems {

        @Bean
        @ConditionalOnMissingBean
        DataAccessProblemsAdvice dataAccessProblemsAdvice(ProblemResponses problems) {
            return new DataAccessProblemsAdvice(problems);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestRejectedHandler.class)
    static class FirewallProblems {

        @Bean
        @ConditionalOnMissingBean
        RequestRejectedHandler problemRequestRejectedHandler(ProblemResponses problems) {
            return new ProblemRequestRejectedHandler(problems);
        }
    }
}
