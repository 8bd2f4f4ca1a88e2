package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.notifications.push.FcmStandIn;
import dev.likes.notifications.push.FcmStandIn.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Push claims are stored a batch at a time and the batch's pushes go out concurrently; the outcome must still be that
 * of handling the likes one by one: a push that fails frees its window, and the next like of the same post in the
 * same batch pushes instead; other posts are not held up.
 */
class PushBatchIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void standInAnswersNormallyAgain() {
        FCM.reset();
    }

    private static List<FcmStandIn.Send> sendsFor(String postId) {
        return FCM.sends().stream()
                .filter(send ->
                        postId.equals(send.message().path("data").path("postId").asText()))
                .toList();
    }

    private double pushes(String result) {
        var counter = meters.find("likes.push.sent").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean processed(LikeEvent event) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE consumer = 'push' AND event_id = :id")
                        .param("id", event.eventId())
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void aFailedPushFreesItsWindowForTheNextLikeOfTheSameBatch() {
        String owner = randomId("owner");
        String failing = randomId("post");
        String other = randomId("post");
        // The first push of `failing` is refused (not a transient error: no retry); everything else is sent.
        AtomicInteger failingAttempts = new AtomicInteger();
        FCM.otherwise(send ->
                failing.equals(send.message().path("data").path("postId").asText())
                                && failingAttempts.incrementAndGet() == 1
                        ? Reply.fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT")
                        : Reply.ok(send.projectId()));
        double failedBefore = pushes("failed");
        double sentBefore = pushes("sent");
        LikeEvent first = like(failing, owner, "alice");
        LikeEvent second = like(failing, owner, "bob");
        LikeEvent third = like(failing, owner, "carol");
        LikeEvent elsewhere = like(other, owner, "dave");

        var container = listeners.getListenerContainer("push");
        container.stop();
        await().atMost(ASYNC).until(() -> !container.isRunning());
        try {
            for (LikeEvent event : List.of(first, second, third, elsewhere)) {
                publish(Topics.PUSH, event);
            }
        } finally {
            container.start();
        }

        await().atMost(ASYNC).until(() -> processed(third) && processed(elsewhere));
        await().atMost(ASYNC).until(() -> pushes("sent") - sentBefore >= 2);
        // alice's push failed and freed the window, bob's went out, carol's collapsed into bob's.
        assertThat(pushes("failed") - failedBefore).isEqualTo(1);
        assertThat(pushes("sent") - sentBefore).isEqualTo(2);
        assertThat(sendsFor(failing).stream()
                        .map(s -> s.message().path("data").path("actorId").asText()))
                .last()
                .isEqualTo("bob");
        assertThat(sendsFor(other)).hasSize(1);
    }
}
