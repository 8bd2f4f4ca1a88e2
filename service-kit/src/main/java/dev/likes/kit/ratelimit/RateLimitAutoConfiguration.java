package dev.likes.kit.ratelimit;

import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import dev.likes.kit.web.ProblemResponses;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ForkJoinPool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Rate limits for a servlet service that talks to Redis through Lettuce (like-api, count-consumer, feed): the
 * {@link RateLimiter} over buckets shared by every instance, the {@link RateLimitFilter} right after Spring Security's
 * chain, and for a service with Spring Security the {@link LoginThrottle} (the failed-authentication limit is wired
 * into {@code BearerTokenSecurity} by the JWT auto-configuration). {@code likes.rate-limit.enabled=false} removes it.
 */
@AutoConfiguration(after = {RedisAutoConfiguration.class, ProblemDetailsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Bucket4jLettuce.class, LettuceConnectionFactory.class, MeterRegistry.class})
@ConditionalOnBean({LettuceConnectionFactory.class, ProblemResponses.class})
@ConditionalOnProperty(prefix = "likes.rate-limit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    /** Right after Spring Security's chain (order -100), so the authenticated user is known. */
    static final int FILTER_ORDER = -90;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RateLimiter rateLimiter(
            LettuceConnectionFactory redis,
            RateLimitProperties properties,
            ObjectProvider<MeterRegistry> meters,
            Environment environment) {
        // Per service: like-api's and count-consumer's limits are separate budgets even in one Redis.
        String application = environment.getProperty("spring.application.name", "application");
        return new RateLimiter(
                new RedisRateLimitStore(redis, properties.storeTimeout()),
                properties.keyPrefix() + ":" + application,
                properties.failOpenFor(),
                meters.getIfAvailable(SimpleMeterRegistry::new),
                ForkJoinPool.commonPool(),
                System::nanoTime,
                properties.syncInterval(),
                properties.maxRecentBuckets());
    }

    @EventListener(ApplicationReadyEvent.class)
    void openTheStore(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBeanProvider(RateLimiter.class).ifAvailable(RateLimiter::start);
    }

    @Bean
    @ConditionalOnMissingBean
    TooManyRequests tooManyRequests(ProblemResponses problems) {
        return new TooManyRequests(problems);
    }

    @Bean
    @ConditionalOnMissingBean(name = "rateLimitFilter")
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
            RateLimiter limiter, RateLimitProperties properties, TooManyRequests tooMany) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, properties, tooMany));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AuthenticationEntryPoint.class)
    static class LoginThrottleConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LoginThrottle loginThrottle(RateLimiter limiter, RateLimitProperties properties, TooManyRequests tooMany) {
            return new LoginThrottle(limiter, properties.operatorLoginLimit(), tooMany);
        }

        @Bean
        @ConditionalOnMissingBean
        FailedAuthenticationLimit failedAuthenticationLimit(
                RateLimiter limiter, RateLimitProperties properties, TooManyRequests tooMany) {
            return new FailedAuthenticationLimit(limiter, properties.failedAuthenticationLimit(), tooMany);
        }
    }
}
