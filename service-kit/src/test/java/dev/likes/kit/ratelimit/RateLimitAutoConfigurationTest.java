package dev.likes.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.kit.security.BearerTokenSecurity;
import dev.likes.kit.security.JwtSecurityAutoConfiguration;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class RateLimitAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withPropertyValues("likes.security.jwt-secret=a-test-secret-that-is-long-enough-0123456789")
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    RedisAutoConfiguration.class,
                    TracingAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class,
                    JwtSecurityAutoConfiguration.class,
                    RateLimitAutoConfiguration.class));

    @Test
    void aWebServiceWithRedisGetsTheLimiterTheFilterAndTheThrottles() {
        web.run(context -> {
            assertThat(context).hasSingleBean(RateLimiter.class);
            assertThat(context).hasBean("rateLimitFilter");
            assertThat(context).hasSingleBean(LoginThrottle.class);
            assertThat(context).hasSingleBean(FailedAuthenticationLimit.class);
            assertThat(context).hasSingleBean(BearerTokenSecurity.class);
        });
    }

    @Test
    void theDefaultsLetHonestHeavyTrafficThrough() {
        web.run(context -> {
            var properties = context.getBean(RateLimitProperties.class);

            assertThat(properties.userLimit()).isEqualTo(new RateLimit("user", true, 600, Duration.ofMinutes(1)));
            assertThat(properties.failedAuthenticationLimit())
                    .isEqualTo(new RateLimit("failed-authentication", true, 300, Duration.ofMinutes(1)));
            assertThat(properties.anonymousLimit().enabled()).isFalse();
            assertThat(properties.operatorLoginLimit())
                    .isEqualTo(new RateLimit("operator-login", true, 10, Duration.ofMinutes(5)));
        });
    }

    @Test
    void oneSettingOfALimitChangesOnlyThatSetting() {
        web.withPropertyValues("likes.rate-limit.user.capacity=5", "likes.rate-limit.anonymous.enabled=true")
                .run(context -> {
                    var properties = context.getBean(RateLimitProperties.class);

                    assertThat(properties.userLimit()).isEqualTo(new RateLimit("user", true, 5, Duration.ofMinutes(1)));
                    assertThat(properties.anonymousLimit())
                            .isEqualTo(new RateLimit("anonymous", true, 6000, Duration.ofMinutes(1)));
                });
    }

    @Test
    void anEnabledLimitWithoutCapacityStopsTheStart() {
        web.withPropertyValues("likes.rate-limit.user.capacity=0").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasStackTraceContaining("likes.rate-limit.user needs a positive capacity"));
    }

    @Test
    void switchedOffThereIsNoLimiterAndTheTokenRulesStillWork() {
        web.withPropertyValues("likes.rate-limit.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(RateLimiter.class);
            assertThat(context).doesNotHaveBean("rateLimitFilter");
            assertThat(context).hasSingleBean(BearerTokenSecurity.class);
        });
    }

    @Test
    void aServiceWithoutRedisHasNoLimiter() {
        web.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
                .run(context -> assertThat(context).doesNotHaveBean(RateLimiter.class));
    }

    @Test
    void aServiceWithoutAWebServerHasNoLimiter() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        RedisAutoConfiguration.class,
                        TracingAutoConfiguration.class,
                        ProblemDetailsAutoConfiguration.class,
                        RateLimitAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RateLimiter.class));
    }
}
