package dev.likes.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.notifications.push.FcmStandIn;
import dev.likes.notifications.push.FcmStandIn.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** likes.push through the real firebase-admin SDK to the FCM stand-in. */
class PushFlowIT extends NotificationIntegrationSupport {

    private static final Duration ASYNC = Duration.ofSeconds(60);

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

    private void registerDevice(String user, String token) {
        var response = http.postForEntity("/devices", as(user, Map.of("token", token)), Void.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private List<String> tokensOf(String user) {
        return jdbc.sql("SELECT token FROM device_tokens WHERE user_id = :user ORDER BY token")
                .param("user", user)
                .query(String.class)
                .list();
    }

    private boolean processed(LikeEvent event) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE consumer = 'push' AND event_id = :id")
                        .param("id", event.eventId())
                        .query(Long.class)
                        .single()
                == 1;
    }

    private double pushes(String result) {
        var counter = meters.find("likes.push.sent").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void oneLikeGivesOnePushToTheOwnersDeviceAndOneToThePostTopicEvenWhenDeliveredTwice() {
        String owner = randomId("owner");
        String post = randomId("post");
        String token = randomId("device");
        registerDevice(owner, token);
        LikeEvent liked = like(post, owner, "alice");

        publish(Topics.PUSH, liked);
        publish(Topics.PUSH, liked);

        await().atMost(ASYNC).untilAsserted(() -> assertThat(sendsFor(post)).hasSize(2));
        // Hold the assertion a moment: a redelivered event must not add a third request.
        await().during(Duration.ofSeconds(2)).atMost(ASYNC).untilAsserted(() -> assertThat(sendsFor(post))
                .hasSize(2));
        var toDevice = sendsFor(post).stream().filter(s -> s.token() != null).toList();
        var toTopic = sendsFor(post).stream().filter(s -> s.topic() != null).toList();
        assertThat(toDevice).singleElement().satisfies(send -> {
            assertThat(send.token()).isEqualTo(token);
            assertThat(send.authorization()).isEqualTo("Bearer " + FcmStandIn.ACCESS_TOKEN);
            assertThat(send.message().path("notification").path("title").asText())
                    .isEqualTo("New like");
            assertThat(send.message().path("notification").path("body").asText())
                    .isEqualTo("alice liked your post");
            assertThat(send.message().path("data").path("actorId").asText()).isEqualTo("alice");
        });
        assertThat(toTopic).singleElement().satisfies(send -> assertThat(send.topic())
                .isEqualTo("post_" + post + "_likes"));
    }

    @Test
    void manyLikesOnOnePostCollapseIntoOnePushPerWindow() {
        String owner = randomId("owner");
        String post = randomId("viral");
        registerDevice(owner, randomId("device"));
        double collapsedBefore = pushes("collapsed");
        int likers = 100;
        LikeEvent last = null;
        for (int i = 0; i < likers; i++) {
            last = like(post, owner, "fan-" + i);
            publish(Topics.PUSH, last);
        }
        LikeEvent lastLike = last;

        await().atMost(ASYNC).until(() -> processed(lastLike));
        assertThat(sendsFor(post).stream().filter(s -> s.token() != null)).hasSize(1);
        assertThat(sendsFor(post).stream().filter(s -> s.topic() != null)).hasSize(1);
        assertThat(pushes("collapsed") - collapsedBefore).isEqualTo(likers - 1);
    }

    @Test
    void aTokenFcmReportsUnregisteredIsForgottenAndTheOthersStay() {
        String owner = randomId("owner");
        String post = randomId("post");
        String dead = randomId("dead-device");
        String live = randomId("live-device");
        registerDevice(owner, dead);
        registerDevice(owner, live);
        double removedBefore = meters.counter("likes.push.tokens.removed").count();
        FCM.otherwise(send -> dead.equals(send.token()) ? Reply.unregistered() : Reply.ok(send.projectId()));

        publish(Topics.PUSH, like(post, owner, "alice"));

        await().atMost(ASYNC).untilAsserted(() -> assertThat(tokensOf(owner)).containsExactly(live));
        assertThat(meters.counter("likes.push.tokens.removed").count() - removedBefore)
                .isEqualTo(1);
        assertThat(sendsFor(post).stream().map(FcmStandIn.Send::token)).contains(dead, live);
    }

    @Test
    void unlikesAndSelfLikesPushNothing() {
        String owner = randomId("owner");
        String post = randomId("post");
        registerDevice(owner, randomId("device"));
        LikeEvent unliked = unlike(post, owner, "alice");
        LikeEvent selfLike = like(post, owner, owner);
        LikeEvent marker = like(post, owner, "bob");

        publish(Topics.PUSH, unliked);
        publish(Topics.PUSH, selfLike);
        publish(Topics.PUSH, marker);

        await().atMost(ASYNC).until(() -> processed(marker));
        assertThat(sendsFor(post)).isNotEmpty().allSatisfy(send -> assertThat(
                        send.message().path("data").path("actorId").asText())
                .isEqualTo("bob"));
    }

    @Test
    void devicesAreRegisteredAndRemovedOnlyByTheirOwner() {
        String owner = randomId("owner");
        String token = randomId("device");
        registerDevice(owner, token);

        var byStranger = http.exchange("/devices/" + token, HttpMethod.DELETE, as(randomId("stranger")), Void.class);
        assertThat(byStranger.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tokensOf(owner)).containsExactly(token);

        var byOwner = http.exchange("/devices/" + token, HttpMethod.DELETE, as(owner), Void.class);
        assertThat(byOwner.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tokensOf(owner)).isEmpty();
    }

    @Test
    void aDeviceNeedsATokenAndASignedInUser() {
        var blank = http.postForEntity("/devices", as(randomId("user"), Map.of("token", " ")), JsonNode.class);
        var anonymous = http.postForEntity("/devices", Map.of("token", "abc"), JsonNode.class);

        assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
