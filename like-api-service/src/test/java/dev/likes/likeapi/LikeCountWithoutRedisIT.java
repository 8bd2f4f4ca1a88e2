package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Redis unreachable, counts still come, correct, from PostgreSQL, and the breaker stops trying Redis. */
@LikesIntegrationTest
class LikeCountWithoutRedisIT {

    @DynamicPropertySource
    static void redisIsDown(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", LikeCountWithoutRedisIT::portNobodyListensOn);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void countsAreStillAnsweredCorrectlyAndTheBreakerOpens() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");
        for (int i = 0; i < 7; i++) {
            api.like(postId, "user-" + i);
        }

        for (int i = 0; i < 10; i++) {
            var answer = http.getForEntity("/like/count/" + postId, Map.class);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).containsEntry("count", 7);
        }

        CircuitBreaker redis = breakers.circuitBreaker("redis");
        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long refusedBefore = redis.getMetrics().getNumberOfNotPermittedCalls();
        assertThat(http.getForEntity("/like/count/" + postId, Map.class).getBody())
                .containsEntry("count", 7);
        // The open breaker answered for Redis: no connection attempt, no timeout on the read path.
        assertThat(redis.getMetrics().getNumberOfNotPermittedCalls()).isGreaterThan(refusedBefore);
    }

    private static int portNobodyListensOn() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
