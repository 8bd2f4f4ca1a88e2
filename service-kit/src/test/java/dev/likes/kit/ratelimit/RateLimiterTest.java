package dev.likes.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final RateLimit USER = new RateLimit("user", true, 3, Duration.ofMinutes(1));

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger opens = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final RateLimitStore unreachable = new RateLimitStore() {
        @Override
        public ProxyManager<String> open() {
            opens.incrementAndGet();
            throw new IllegalStateException("Unable to connect to 127.0.0.1:6379");
        }

        @Override
        public void close() {}
    };

    private final RateLimiter limiter = new RateLimiter(
            unreachable,
            "rate-limit:test",
            Duration.ofSeconds(5),
            meters,
            Runnable::run,
            now::get,
            Duration.ZERO,
            1_000);

    @Test
    void whileTheStoreIsDownEveryRequestPassesUncheckedAndIsCounted() {
        for (int i = 0; i < 10; i++) {
            var decision = limiter.consume(USER, "alice");
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.checked()).isFalse();
        }

        assertThat(meters.counter("likes.ratelimit.decisions", "limit", "user", "result", "failed-open")
                        .count())
                .isEqualTo(10);
        assertThat(meters.counter("likes.ratelimit.store.failures").count()).isEqualTo(1);
    }

    @Test
    void aDeadStoreIsTriedAgainOnlyOncePerFailOpenWindow() {
        limiter.consume(USER, "alice");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        limiter.consume(USER, "alice");
        assertThat(opens).hasValue(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.consume(USER, "alice");
        assertThat(opens).hasValue(2);
    }

    @Test
    void aDisabledLimitNeverTouchesTheStore() {
        var off = new RateLimit("anonymous", false, 0, Duration.ZERO);

        assertThat(limiter.consume(off, "127.0.0.1").allowed()).isTrue();
        assertThat(limiter.peek(off, "127.0.0.1").allowed()).isTrue();
        assertThat(opens).hasValue(0);
    }

    @Test
    void aRefusalSaysWhenToRetryAndWhenTheBucketIsFull() {
        var refused =
                RateLimitDecision.of(false, 600, 0, Duration.ofMillis(59_001).toNanos(), 1);
        var response = new org.springframework.mock.web.MockHttpServletResponse();

        refused.writeHeaders(response);

        assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("600");
        assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(response.getHeader("RateLimit-Reset")).isEqualTo("60");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    }
}
