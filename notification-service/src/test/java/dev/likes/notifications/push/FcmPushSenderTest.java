package dev.likes.notifications.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.notifications.push.FcmStandIn.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real firebase-admin SDK (its HTTP/2 transport, OAuth flow and error parsing) against a local stand-in of
 * Google's endpoints, wrapped in the production resilience4j decoration.
 */
class FcmPushSenderTest {

    private static final String PROJECT = "likes-test";

    @TempDir
    Path tempDir;

    FcmStandIn standIn;
    CircuitBreakerRegistry breakers;
    FcmPushSender sender;

    @BeforeEach
    void startStandIn() {
        standIn = FcmStandIn.start();
        var account = standIn.writeServiceAccount(tempDir, PROJECT);
        var properties = new PushProperties(account.toString(), Duration.ofSeconds(60), standIn.url(), 20, 1);
        var retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(3)
                .waitDuration(Duration.ofMillis(10))
                .retryOnException(FcmErrors::isTransient)
                .build());
        breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(5))
                .recordException(FcmErrors::isTransient)
                .build());
        var rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(1000)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(1))
                .build());
        sender = (FcmPushSender) new PushConfiguration().pushSender(properties, retries, breakers, rateLimiters);
    }

    @AfterEach
    void stop() {
        sender.destroy();
        standIn.close();
    }

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker(PushConfiguration.FCM);
    }

    @Test
    void sendsTheTokenMessageWithNotificationAndDataThroughOAuth() {
        var result = sender.send(PushMessage.toToken(
                "device-1", "New like", "alice liked your post", Map.of("postId", "p-42", "actorId", "alice")));

        assertThat(result).isEqualTo(PushSender.Result.SENT);
        assertThat(standIn.tokenRequests()).isGreaterThanOrEqualTo(1);
        var send = standIn.sends().get(0);
        assertThat(send.projectId()).isEqualTo(PROJECT);
        assertThat(send.authorization()).isEqualTo("Bearer " + FcmStandIn.ACCESS_TOKEN);
        assertThat(send.token()).isEqualTo("device-1");
        assertThat(send.topic()).isNull();
        assertThat(send.message().path("notification").path("title").asText()).isEqualTo("New like");
        assertThat(send.message().path("notification").path("body").asText()).isEqualTo("alice liked your post");
        assertThat(send.message().path("data").path("postId").asText()).isEqualTo("p-42");
    }

    @Test
    void sendsTheTopicMessage() {
        var result = sender.send(
                PushMessage.toTopic(PushDispatcher.topicOf("p-42"), "New like", "bob liked", Map.of("postId", "p-42")));

        assertThat(result).isEqualTo(PushSender.Result.SENT);
        assertThat(standIn.sends()).singleElement().satisfies(send -> {
            assertThat(send.topic()).isEqualTo("post_p-42_likes");
            assertThat(send.token()).isNull();
        });
    }

    @Test
    void retriesA503UntilFcmAccepts() {
        standIn.replyNext(Reply.unavailable(), Reply.unavailable());

        var result = sender.send(PushMessage.toToken("device-1", "t", "b", Map.of("postId", "p")));

        assertThat(result).isEqualTo(PushSender.Result.SENT);
        assertThat(standIn.sends()).hasSize(3);
    }

    @Test
    void retriesA500WithBackoffAndGivesUpAfterTheAttempts() {
        standIn.otherwise(send -> Reply.internal());

        var result = sender.send(PushMessage.toToken("device-1", "t", "b", Map.of("postId", "p")));

        assertThat(result).isEqualTo(PushSender.Result.FAILED);
        assertThat(standIn.sends()).hasSize(3); // the SDK does not retry a 500 itself: these are ours
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndStopsCallingFcm() {
        standIn.otherwise(send -> Reply.internal());

        sender.send(PushMessage.toToken("device-1", "t", "b", Map.of("postId", "p")));
        sender.send(PushMessage.toToken("device-1", "t", "b", Map.of("postId", "p")));
        int callsWhenOpen = standIn.sends().size();
        var whileOpen = sender.send(PushMessage.toToken("device-1", "t", "b", Map.of("postId", "p")));

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(whileOpen).isEqualTo(PushSender.Result.FAILED);
        assertThat(standIn.sends()).hasSize(callsWhenOpen);
    }

    @Test
    void reportsAnUnregisteredTokenWithoutRetryingOrCountingItAgainstFcm() {
        standIn.replyNext(Reply.unregistered());

        var result = sender.send(PushMessage.toToken("gone-device", "t", "b", Map.of("postId", "p")));

        assertThat(result).isEqualTo(PushSender.Result.TOKEN_INVALID);
        assertThat(standIn.sends()).hasSize(1);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void reportsAnInvalidTokenArgument() {
        standIn.replyNext(Reply.fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT"));

        var result = sender.send(PushMessage.toToken("not-a-token", "t", "b", Map.of("postId", "p")));

        assertThat(result).isEqualTo(PushSender.Result.TOKEN_INVALID);
    }
}
