package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

@LikesIntegrationTest
class LikeFlowIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    LikeApiClient api;
    KafkaTestConsumer events;

    @BeforeEach
    void setUp() {
        api = new LikeApiClient(http);
        events = KafkaTestConsumer.fromNow(Topics.LIKE_EVENTS);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void aLikeGivesOneRowAndOneEventKeyedByThePost() {
        String postId = api.newPost("owner");

        var answer = api.like(postId, "alice");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody())
                .containsEntry("postId", postId)
                .containsEntry("liked", true)
                .containsEntry("changed", true)
                .containsKey("traceId");
        assertThat(likeRows(postId)).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> published = awaitEvents(postId, 1);
        ConsumerRecord<String, byte[]> record = published.get(0);
        LikeEvent event = LikeEventJson.fromBytes(record.value());
        assertThat(record.key()).isEqualTo(postId);
        assertThat(event.type()).isEqualTo(LikeEventType.LIKED);
        assertThat(event.postId()).isEqualTo(postId);
        assertThat(event.postOwnerId()).isEqualTo("owner");
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.traceId()).isEqualTo(answer.getBody().get("traceId"));
        assertThat(event.schemaVersion()).isEqualTo(LikeEvent.CURRENT_SCHEMA_VERSION);
        assertThat(header(record, EventHeaders.EVENT_ID))
                .isEqualTo(event.eventId().toString());
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("LIKED");
        // The request's trace continues through the outbox into Kafka: consumers log under the same trace id.
        assertThat(header(record, "traceparent"))
                .contains("-" + answer.getBody().get("traceId") + "-");
    }

    @Test
    void likingTwiceGivesOneRowAndOneEvent() {
        String postId = api.newPost("owner");

        api.like(postId, "alice");
        var second = api.like(postId, "alice");

        assertThat(second.getBody()).containsEntry("liked", true).containsEntry("changed", false);
        assertThat(likeRows(postId)).isEqualTo(1);
        awaitEvents(postId, 1);
        assertNoMoreThan(postId, 1);
    }

    @Test
    void anUnlikeGivesItsEventAndUnlikingAgainGivesNone() {
        String postId = api.newPost("owner");
        api.like(postId, "bob");

        var unlike = api.unlike(postId, "bob");
        var again = api.unlike(postId, "bob");

        assertThat(unlike.getBody()).containsEntry("liked", false).containsEntry("changed", true);
        assertThat(again.getBody()).containsEntry("liked", false).containsEntry("changed", false);
        assertThat(likeRows(postId)).isZero();
        var published = awaitEvents(postId, 2);
        assertThat(published)
                .extracting(r -> LikeEventJson.fromBytes(r.value()).type())
                .containsExactly(LikeEventType.LIKED, LikeEventType.UNLIKED);
        assertNoMoreThan(postId, 2);
    }

    @Test
    void unlikingAPostNeverLikedGivesNoEvent() {
        String postId = api.newPost("owner");

        var answer = api.unlike(postId, "carol");
        api.like(postId, "dave"); // a marker: once its event is there, an event of carol's would be too

        assertThat(answer.getBody()).containsEntry("changed", false);
        var published = awaitEvents(postId, 1);
        assertThat(LikeEventJson.fromBytes(published.get(0).value()).userId()).isEqualTo("dave");
    }

    @Test
    void theToggleLikesThenUnlikes() {
        String postId = api.newPost("owner");

        var first = api.toggle(postId, "erin");
        var second = api.toggle(postId, "erin");

        assertThat(first.getBody()).containsEntry("liked", true).containsEntry("changed", true);
        assertThat(second.getBody()).containsEntry("liked", false).containsEntry("changed", true);
        assertThat(awaitEvents(postId, 2))
                .extracting(r -> LikeEventJson.fromBytes(r.value()).type())
                .containsExactly(LikeEventType.LIKED, LikeEventType.UNLIKED);
    }

    @Test
    void concurrentDoubleClicksGiveOneRowAndOneEvent() throws Exception {
        String postId = api.newPost("owner");
        Callable<Object> click = () -> api.like(postId, "frank");

        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = pool.invokeAll(List.of(click, click, click, click, click, click, click, click));
            long changed = 0;
            for (var answer : answers) {
                var body = ((ResponseEntity<?>) answer.get()).getBody();
                changed += Boolean.TRUE.equals(((Map<?, ?>) body).get("changed")) ? 1 : 0;
            }
            assertThat(changed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(likeRows(postId)).isEqualTo(1);
        awaitEvents(postId, 1);
        assertNoMoreThan(postId, 1);
    }

    @Test
    void concurrentMixedTrafficEmitsExactlyOneEventPerRealChange() throws Exception {
        List<String> posts = List.of(api.newPost("owner"), api.newPost("owner"), api.newPost("owner"));
        var random = new java.util.Random(42);
        List<Callable<ResponseEntity<Map>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String postId = posts.get(random.nextInt(posts.size()));
            String userId = "u" + random.nextInt(15); // few users: the same user and post collide often
            int op = random.nextInt(3);
            calls.add(() -> switch (op) {
                case 0 -> api.like(postId, userId);
                case 1 -> api.unlike(postId, userId);
                default -> api.toggle(postId, userId);
            });
        }

        var pool = Executors.newFixedThreadPool(16);
        long changes = 0;
        try {
            for (var answer : pool.invokeAll(calls)) {
                assertThat(answer.get().getStatusCode().value()).isEqualTo(200);
                changes += Boolean.TRUE.equals(answer.get().getBody().get("changed")) ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        long expectedChanges = changes;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.poll(r -> posts.contains(r.key())).size() >= expectedChanges);
        assertNoMoreThan(posts.get(0), (int)
                events.poll(r -> posts.get(0).equals(r.key())).size());
        assertThat(events.poll(r -> posts.contains(r.key()))).hasSize((int) expectedChanges);
        for (String postId : posts) {
            long net = events.poll(r -> postId.equals(r.key())).stream()
                    .mapToLong(r -> LikeEventJson.fromBytes(r.value()).countDelta())
                    .sum();
            assertThat(likeRows(postId)).as("rows of %s", postId).isEqualTo(net);
        }
    }

    @Test
    void publishedRowsAreDeletedFromTheOutbox() {
        String postId = api.newPost("owner");
        api.like(postId, "gina");
        awaitEvents(postId, 1);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE aggregate_id = ?")
                                .param(postId)
                                .query(Long.class)
                                .single())
                        .isZero());
    }

    private long likeRows(String postId) {
        return jdbc.sql("SELECT count(*) FROM likes WHERE post_id = ?")
                .param(postId)
                .query(Long.class)
                .single();
    }

    private List<ConsumerRecord<String, byte[]>> awaitEvents(String postId, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.poll(r -> postId.equals(r.key())).size() >= expected);
        return events.poll(r -> postId.equals(r.key()));
    }

    /** Gives a straggler time to show up before asserting there is none: the relay runs at least twice meanwhile. */
    private void assertNoMoreThan(String postId, int expected) {
        String marker = api.newPost("owner");
        api.like(marker, "marker");
        awaitEvents(marker, 1);
        assertThat(events.poll(r -> postId.equals(r.key()))).hasSize(expected);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
