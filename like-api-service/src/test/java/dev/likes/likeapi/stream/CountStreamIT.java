package dev.likes.likeapi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.CountUpdate;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/** The live count stream on the real Redis: updates published as the count consumer publishes them. */
@LikesIntegrationTest
@TestPropertySource(properties = {"likes.stream.max-streams=3", "likes.stream.keep-alive=300ms"})
class CountStreamIT {

    private static final Duration ASYNC = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CountStreams streams;

    @Test
    void aStreamStartsWithTheCurrentCountsAndFollowsTheirUpdates() throws Exception {
        String followed = newPostId();
        String other = newPostId();
        redis.opsForValue().set("post:" + followed + ":like_count", "41", Duration.ofMinutes(1));

        try (var client = SseClient.open(port, "postIds=" + followed)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            await().atMost(ASYNC).until(() -> client.countsOf(followed).contains(new CountUpdate(followed, 41)));
            assertThat(client.retries())
                    .as("the browser's reconnect delay, once, with the first event")
                    .containsExactly(2000L);

            // Published until seen: a context that started on a busy machine may still be subscribing.
            await().atMost(ASYNC).until(() -> {
                publish(new CountUpdate(other, 5));
                publish(new CountUpdate(followed, 42));
                return client.countsOf(followed).contains(new CountUpdate(followed, 42));
            });
            assertThat(client.countsOf(other))
                    .as("posts the stream does not follow")
                    .isEmpty();
        }
    }

    @Test
    void aBurstOfUpdatesReachesTheBrowserCoalescedToTheLatestCount() throws Exception {
        String celebrity = newPostId();
        try (var client = SseClient.open(port, "postIds=" + celebrity)) {
            await().atMost(ASYNC).until(() -> !client.countsOf(celebrity).isEmpty());
            long started = System.nanoTime();

            for (int count = 1; count <= 500; count++) {
                publish(new CountUpdate(celebrity, count));
            }

            await().atMost(ASYNC).until(() -> client.countsOf(celebrity).contains(new CountUpdate(celebrity, 500)));
            double seconds = (System.nanoTime() - started) / 1e9;
            int updates = client.countsOf(celebrity).size() - 1; // the first event is the initial count
            // At most one event per post per 250 ms flush, plus one for a flush in progress at each end.
            assertThat(updates).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 2);
            assertThat(updates).isLessThan(500);
        }
    }

    @Test
    void aStreamBeyondTheLimitIsRefusedWithRetryAfterAndAClosedStreamFreesItsPlace() throws Exception {
        await().atMost(ASYNC).until(() -> streams.openStreams() == 0);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                var client = SseClient.open(port, "postIds=" + newPostId());
                assertThat(client.status()).isEqualTo(200);
                clients.add(client);
            }

            try (var refused = SseClient.open(port, "postIds=" + newPostId())) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.response().headers().firstValue("Retry-After"))
                        .hasValue("5");
                assertThat(refused.response().headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }

            // A client that goes away is noticed at the next keep-alive and its place is freed.
            clients.remove(0).close();
            await().atMost(ASYNC).until(() -> streams.openStreams() == 2);
            try (var admitted = SseClient.open(port, "postIds=" + newPostId())) {
                assertThat(admitted.status()).isEqualTo(200);
                await().atMost(ASYNC).until(() -> !admitted.comments().isEmpty());
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        await().atMost(ASYNC).until(() -> streams.openStreams() == 0);
    }

    @Test
    void badPostIdsAreA400() throws Exception {
        try (var noIds = SseClient.open(port, "postIds=");
                var badId = SseClient.open(port, "postIds=ok,not%20ok")) {
            assertThat(noIds.status()).isEqualTo(400);
            assertThat(badId.status()).isEqualTo(400);
        }
    }

    private void publish(CountUpdate update) {
        redis.convertAndSend(CountUpdate.CHANNEL, update.toJson());
    }

    private static String newPostId() {
        return "s-" + UUID.randomUUID();
    }
}
