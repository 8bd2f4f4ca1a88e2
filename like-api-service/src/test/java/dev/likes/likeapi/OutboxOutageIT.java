package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructure.KafkaBrokers;
import dev.likes.testsupport.LikesIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Likes are accepted while Kafka is unreachable, wait in the outbox, and are published once (none lost, none twice)
 * when a broker comes up. Its own schema keeps this context's relay and rows apart from the other tests'.
 */
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "spring.flyway.schemas=like_api_outage",
            "spring.flyway.default-schema=like_api_outage",
            "spring.datasource.hikari.schema=like_api_outage",
            "spring.kafka.admin.auto-create=false",
            "likes.outbox.max-backoff=1s"
        })
class OutboxOutageIT {

    static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void brokerNotYetStarted(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + BROKER_PORT);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Test
    void likesAcceptedWhileTheBrokerIsDownArePublishedOnceWhenItIsUp() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = "fan-" + i + "-" + UUID.randomUUID();
            users.add(user);
            var answer = api.like(postId, user);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).containsEntry("changed", true);
        }
        assertThat(unsentRows(postId)).isEqualTo(20);

        EmbeddedKafkaKraftBroker broker = KafkaBrokers.startKraft(BROKER_PORT);
        try (var events = new KafkaTestConsumer(broker.getBrokersAsString(), Topics.LIKE_EVENTS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> unsentRows(postId) == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().size() >= 20);
            // One more full relay cycle, so a duplicate would have arrived by now.
            String marker = api.newPost("owner");
            api.like(marker, "marker");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.poll(r -> marker.equals(r.key())).size() == 1);

            var published = events.poll(r -> postId.equals(r.key()));
            assertThat(published).hasSize(20);
            Set<String> likers = published.stream()
                    .map(r -> LikeEventJson.fromBytes(r.value()).userId())
                    .collect(Collectors.toSet());
            assertThat(likers).containsExactlyInAnyOrderElementsOf(users);
        } finally {
            broker.destroy();
        }
    }

    private long unsentRows(String postId) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE aggregate_id = ?")
                .param(postId)
                .query(Long.class)
                .single();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
