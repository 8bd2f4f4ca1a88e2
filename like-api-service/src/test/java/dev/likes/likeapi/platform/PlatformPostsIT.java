package dev.likes.likeapi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.PostEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

@LikesIntegrationTest
@TestPropertySource(properties = "likes.platform-posts.enabled=true")
class PlatformPostsIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void listenerOwnsThePlatformTopic() {
        // The "within 1 s" promise is about a running consumer, not about joining the group at start-up.
        var container = listeners.getListenerContainer(PlatformPostsListener.ID);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty());
    }

    @Test
    void aPostCreatedOnThePlatformTopicCanBeLikedWithinOneSecond() throws Exception {
        String postId = "plat-" + UUID.randomUUID();

        publish(postId, created(postId, "bob"));

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> like(postId, "alice").getStatusCode().value() == 200);
        assertThat(http.getForEntity("/posts/" + postId, Map.class).getBody()).containsEntry("ownerId", "bob");
    }

    @Test
    void aPostDeletedOnThePlatformTopicCannotBeLikedHasNoCountAndIsAnnouncedToTheOtherServices() throws Exception {
        String postId = "plat-" + UUID.randomUUID();
        publish(postId, created(postId, "bob"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> like(postId, "alice").getStatusCode().value() == 200);

        publish(
                postId,
                "{\"type\":\"POST_DELETED\",\"postId\":\"" + postId + "\",\"occurredAt\":\"2026-11-30T10:00:00Z\"}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> like(postId, "carol").getStatusCode().value() == 404);
        assertThat(http.getForEntity("/like/count/" + postId, Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(http.getForEntity("/posts/" + postId, Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        // Retention: the like rows stay; nothing counted is taken back.
        assertThat(likeRows(postId)).isEqualTo(1);
        try (var announced = KafkaTestConsumer.of(Topics.POST_EVENTS)) {
            var deletion = await().atMost(Duration.ofSeconds(10))
                    .until(() -> announced.poll(r -> postId.equals(r.key())), records -> records.size() == 1)
                    .get(0);
            PostEvent event = PostEventJson.fromBytes(deletion.value());
            assertThat(event.type()).isEqualTo(PostEventType.POST_DELETED);
            assertThat(event.ownerId()).isEqualTo("bob");
            assertThat(event.eventId()).isNotNull();
        }
    }

    @Test
    void replayingThePlatformTopicChangesNothingAndADeletedPostStaysDeleted() throws Exception {
        String postId = "plat-" + UUID.randomUUID();
        publish(postId, created(postId, "bob"));
        publish(postId, created(postId, "bob"));
        publish(postId, "{\"type\":\"POST_DELETED\",\"postId\":\"" + postId + "\"}");
        publish(postId, "{\"type\":\"POST_DELETED\",\"postId\":\"" + postId + "\"}");
        publish(postId, created(postId, "mallory"));
        String marker = "plat-" + UUID.randomUUID();
        publish(postId, created(marker, "bob")); // same key, so applied after all of the above

        await().atMost(Duration.ofSeconds(10))
                .until(() -> like(marker, "alice").getStatusCode().value() == 200);
        assertThat(jdbc.sql("SELECT owner_id, deleted_at IS NOT NULL AS deleted FROM posts WHERE id = ?")
                        .param(postId)
                        .query()
                        .listOfRows())
                .containsExactly(Map.of("owner_id", "bob", "deleted", true));
        assertThat(like(postId, "alice").getStatusCode().value()).isEqualTo(404);
        try (var announced = KafkaTestConsumer.of(Topics.POST_EVENTS)) {
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> announced.poll(r -> postId.equals(r.key())), records -> records.size() == 1);
        }
    }

    @Test
    void aPoisonRecordLandsInTheDlqAndThePostsAfterItAreStillRegistered() throws Exception {
        String postId = "plat-" + UUID.randomUUID();
        String poison = "{\"type\":\"POST_CREATED\",\"postId\":\"" + postId + "\"}"; // no owner: cannot be applied
        publish(postId, poison);
        publish(postId, "{not json at all");
        publish(postId, created(postId, "bob"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> like(postId, "alice").getStatusCode().value() == 200);
        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.PLATFORM_POSTS))) {
            var parked = await().atMost(Duration.ofSeconds(10))
                    .until(() -> dlq.poll(r -> postId.equals(r.key())), records -> records.size() == 2);
            assertThat(parked)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly(poison, "{not json at all");
            assertThat(header(parked.get(0), "kafka_dlt-exception-message")).contains("ownerId");
        }
    }

    @Test
    void anUnknownTypeIsSkippedAndCountedNotParked() throws Exception {
        String postId = "plat-" + UUID.randomUUID();
        double skippedBefore = skipped();

        publish(postId, "{\"type\":\"POST_ARCHIVED\",\"postId\":\"" + postId + "\",\"reason\":\"old\"}");
        publish(postId, created(postId, "bob"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> like(postId, "alice").getStatusCode().value() == 200);
        // Counted after the batch's transaction, which may let the like through a moment before.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(skipped()).isEqualTo(skippedBefore + 1));
        try (var dlq = KafkaTestConsumer.of(Topics.dlqOf(Topics.PLATFORM_POSTS))) {
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> dlq.poll(r -> postId.equals(r.key())).isEmpty());
        }
    }

    private double skipped() {
        var counter = meters.find("likes.platform.posts")
                .tags("type", "UNKNOWN", "result", "skipped")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String created(String postId, String ownerId) {
        return "{\"type\":\"POST_CREATED\",\"postId\":\"" + postId + "\",\"ownerId\":\"" + ownerId
                + "\",\"occurredAt\":\"2026-11-30T09:00:00Z\",\"platformField\":{\"x\":1}}";
    }

    private void publish(String key, String json) throws Exception {
        kafka.send(Topics.PLATFORM_POSTS, key, json.getBytes(StandardCharsets.UTF_8))
                .get();
    }

    private ResponseEntity<Map> like(String postId, String userId) {
        var headers = new HttpHeaders();
        headers.setBearerAuth(JwtTokens.forUser(userId));
        return http.exchange("/like/" + postId, HttpMethod.POST, new HttpEntity<>(headers), Map.class);
    }

    private long likeRows(String postId) {
        return jdbc.sql("SELECT count(*) FROM likes WHERE post_id = ?")
                .param(postId)
                .query(Long.class)
                .single();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
