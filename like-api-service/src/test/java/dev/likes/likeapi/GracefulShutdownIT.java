package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructureInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A SIGTERM (context close) in the middle of traffic: the service stops taking requests, finishes those in flight,
 * commits their likes, and exits; after a restart every accepted like is published exactly once.
 */
class GracefulShutdownIT {

    private static final String[] ARGS = {
        "--server.port=0",
        "--spring.flyway.schemas=like_api_shutdown",
        "--spring.flyway.default-schema=like_api_shutdown",
        "--spring.datasource.hikari.schema=like_api_shutdown",
        "--server.shutdown=graceful",
        "--spring.lifecycle.timeout-per-shutdown-phase=20s"
    };

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void nothingAcceptedIsLostAcrossAShutdownInTheMiddleOfTraffic() throws Exception {
        ConfigurableApplicationContext first = start();
        // From now, not from the beginning: the topic holds every earlier test's events (the backlog tests' hundreds
        // of thousands), and reading past them took longer than the test itself.
        try (var events = KafkaTestConsumer.fromNow(Topics.LIKE_EVENTS)) {
            String base = "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port");
            String postId = "shutdown-" + UUID.randomUUID();
            assertThat(send(base, "POST", "/posts", "owner", "{\"id\":\"" + postId + "\"}"))
                    .isEqualTo(201);

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(150);
            ExecutorService clients = Executors.newFixedThreadPool(12);
            for (int i = 0; i < 600; i++) {
                String user = "user-" + i;
                clients.submit(() -> {
                    sent.incrementAndGet();
                    halfway.countDown();
                    try {
                        if (send(base, "POST", "/like/" + postId, user, null) == 200) {
                            accepted.add(user);
                        }
                    } catch (Exception refusedWhileStopping) {
                        // Not accepted: the client sees the failure and may retry.
                    }
                });
            }
            halfway.await(60, TimeUnit.SECONDS);
            first.close(); // what SIGTERM does: graceful shutdown
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(accepted).isNotEmpty();

            ConfigurableApplicationContext second = start();
            try {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                List<String> rows = jdbc.sql("SELECT user_id FROM likes WHERE post_id = ?")
                        .param(postId)
                        .query(String.class)
                        .list();
                assertThat(rows).containsAll(accepted);

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> events.poll(r -> postId.equals(r.key())).size() >= rows.size());
                String marker = "marker-" + UUID.randomUUID();
                jdbc.sql("INSERT INTO posts (id, owner_id) VALUES (?, 'owner')")
                        .param(marker)
                        .update();
                send(
                        "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"),
                        "POST",
                        "/like/" + marker,
                        "m",
                        null);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !events.poll(r -> marker.equals(r.key())).isEmpty());

                List<String> published = new ArrayList<>();
                events.poll(r -> postId.equals(r.key()))
                        .forEach(r ->
                                published.add(LikeEventJson.fromBytes(r.value()).userId()));
                assertThat(published).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rows);
            } finally {
                second.close();
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LikeApiApplication.class)
                .initializers(new LikesInfrastructureInitializer())
                .run(ARGS);
    }

    private int send(String base, String method, String path, String user, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + JwtTokens.forUser(user))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
