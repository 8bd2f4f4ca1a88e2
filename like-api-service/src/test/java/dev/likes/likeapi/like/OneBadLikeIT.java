package dev.likes.likeapi.like;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group commit writes concurrent likes in one transaction; a like the database refuses must fail alone. A trigger
 * refuses one chosen user's like among 200 sent at the same moment: the other 199 are stored and answered 200, and
 * only the chosen one gets a problem.
 */
@LikesIntegrationTest
class OneBadLikeIT {

    private static final int LIKES = 200;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    @Test
    void oneLikeTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        String postId = "bad-like-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO posts (id, owner_id) VALUES (?, 'owner')")
                .param(postId)
                .update();
        String refusedUser = "refused-" + UUID.randomUUID();
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql(
                        """
                        CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF NEW.user_id = '%2$s' THEN RAISE EXCEPTION 'this like is refused'; END IF;
                          RETURN NEW;
                        END $$
                        """
                                .formatted(trigger, refusedUser))
                .update();
        jdbc.sql("CREATE TRIGGER %1$s BEFORE INSERT ON likes FOR EACH ROW EXECUTE FUNCTION %1$s()".formatted(trigger))
                .update();
        try {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < LIKES - 1; i++) {
                users.add("user-" + i + "-" + UUID.randomUUID());
            }
            users.add(LIKES / 2, refusedUser);

            Map<String, HttpResponse<String>> answers = likeAllAtOnce(postId, users);

            assertThat(answers.entrySet().stream()
                            .filter(a -> a.getValue().statusCode() != 200)
                            .map(Map.Entry::getKey))
                    .containsExactly(refusedUser);
            HttpResponse<String> refused = answers.get(refusedUser);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.path("type").asText()).isEqualTo("urn:likes:problem:like-refused");
            assertThat(problem.path("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(jdbc.sql("SELECT user_id FROM likes WHERE post_id = ?")
                            .param(postId)
                            .query(String.class)
                            .list())
                    .hasSize(LIKES - 1)
                    .doesNotContain(refusedUser);
        } finally {
            jdbc.sql("DROP TRIGGER %1$s ON likes".formatted(trigger)).update();
            jdbc.sql("DROP FUNCTION %1$s()".formatted(trigger)).update();
        }
    }

    private Map<String, HttpResponse<String>> likeAllAtOnce(String postId, List<String> users) throws Exception {
        var start = new CountDownLatch(1);
        var http = HttpClient.newHttpClient();
        var threads = Executors.newFixedThreadPool(users.size());
        try {
            Map<String, CompletableFuture<HttpResponse<String>>> sent = users.stream()
                    .collect(Collectors.toMap(
                            user -> user,
                            user -> CompletableFuture.supplyAsync(
                                    () -> {
                                        var request = HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/like/" + postId))
                                                .header("Authorization", "Bearer " + JwtTokens.forUser(user))
                                                .POST(HttpRequest.BodyPublishers.noBody())
                                                .build();
                                        try {
                                            start.await();
                                            return http.send(request, HttpResponse.BodyHandlers.ofString());
                                        } catch (Exception e) {
                                            throw new IllegalStateException(e);
                                        }
                                    },
                                    threads)));
            start.countDown();
            return sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                    .join()));
        } finally {
            threads.shutdownNow();
        }
    }
}
