package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A like never fails, nor waits, because the rate limiter cannot reach its Redis: it goes through unchecked. */
@LikesIntegrationTest
@TestPropertySource(properties = "likes.rate-limit.user.capacity=2")
class RateLimitWithoutRedisIT {

    @DynamicPropertySource
    static void redisIsDown(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", RateLimitWithoutRedisIT::portNobodyListensOn);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @Test
    void likesPassUncheckedAndTheMetricSaysSo() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");

        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            var answer = api.like(postId, "alice");
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getHeaders().getFirst("RateLimit-Remaining")).isNull();
        }
        // Far over alice's limit of 2, and no request waited on a connection attempt or a timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        assertThat(meters.counter("likes.ratelimit.decisions", "limit", "user", "result", "failed-open")
                        .count())
                .isGreaterThanOrEqualTo(10);
        assertThat(meters.counter("likes.ratelimit.store.failures").count()).isPositive();
    }

    private static int portNobodyListensOn() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
