package dev.likes.notifications.push;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends through the firebase-admin SDK. Each attempt takes a rate-limiter permit and is recorded by the circuit
 * breaker; the retry wraps both, so a retried call is throttled and counted like any other. The SDK itself already
 * retries a 503 (honouring Retry-After); this layer adds backoff for 500 and 429 and stops calling an FCM that keeps
 * failing.
 */
class FcmPushSender implements PushSender, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FcmPushSender.class);

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter rateLimiter;

    FcmPushSender(FirebaseApp app, Retry retry, CircuitBreaker breaker, RateLimiter rateLimiter) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.retry = retry;
        this.breaker = breaker;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Result send(PushMessage message) {
        Message fcmMessage = toFcm(message);
        CheckedSupplier<String> call = () -> messaging.send(fcmMessage);
        call = RateLimiter.decorateCheckedSupplier(rateLimiter, call);
        call = CircuitBreaker.decorateCheckedSupplier(breaker, call);
        call = Retry.decorateCheckedSupplier(retry, call);
        try {
            String id = call.get();
            log.atDebug().addKeyValue("messageId", id).log("push sent");
            return Result.SENT;
        } catch (CallNotPermittedException e) {
            log.atDebug().log("push skipped: FCM circuit breaker is open");
            return Result.FAILED;
        } catch (RequestNotPermitted e) {
            log.atWarn().log("push skipped: FCM rate limit not granted in time");
            return Result.FAILED;
        } catch (Throwable e) {
            if (message.toToken() && FcmErrors.isInvalidToken(e)) {
                return Result.TOKEN_INVALID;
            }
            log.atWarn()
                    .addKeyValue("target", message.toToken() ? "token" : "topic")
                    .addKeyValue("error", e.getMessage())
                    .log("push failed");
            return Result.FAILED;
        }
    }

    private static Message toFcm(PushMessage message) {
        var builder = Message.builder()
                .setNotification(Notification.builder()
                        .setTitle(message.title())
                        .setBody(message.body())
                        .build())
                .putAllData(message.data());
        if (message.toToken()) {
            builder.setToken(message.token());
        } else {
            builder.setTopic(message.topic());
        }
        return builder.build();
    }

    @Override
    public void destroy() {
        app.delete();
    }
}
