package dev.likes.likeapi.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.PostEventJson;
import dev.likes.events.PostEventType;
import dev.likes.events.Topics;
import dev.likes.kit.security.Scopes;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@LikesIntegrationTest
class PostScopesIT {

    static final String PLATFORM = JwtTokens.forService("platform-backend", Scopes.POSTS_WRITE);

    @Autowired
    TestRestTemplate http;

    @Test
    void aUserTokenCannotRegisterAPostForSomeoneElse() {
        String postId = "s-" + UUID.randomUUID();

        var answer =
                call(HttpMethod.POST, "/posts", JwtTokens.forUser("mallory"), Map.of("id", postId, "ownerId", "bob"));

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:forbidden");
        assertThat(call(HttpMethod.GET, "/posts/" + postId, null, null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void aUserTokenNamingItselfAsOwnerIsFine() {
        String postId = "s-" + UUID.randomUUID();

        var answer = call(HttpMethod.POST, "/posts", JwtTokens.forUser("bob"), Map.of("id", postId, "ownerId", "bob"));

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aPostsWriteTokenRegistersAPostForAnyOwner() {
        String postId = "s-" + UUID.randomUUID();

        var answer = call(HttpMethod.POST, "/posts", PLATFORM, Map.of("id", postId, "ownerId", "bob"));

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        assertThat(answer.getBody()).containsEntry("ownerId", "bob");
        assertThat(call(HttpMethod.POST, "/like/" + postId, JwtTokens.forUser("alice"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void anotherUserCannotDeleteAPostButAPostsWriteTokenCan() {
        String postId = newPost("bob");

        var refused = call(HttpMethod.DELETE, "/posts/" + postId, JwtTokens.forUser("mallory"), null);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody()).containsEntry("type", "urn:likes:problem:forbidden");

        assertThat(call(HttpMethod.DELETE, "/posts/" + postId, PLATFORM, null)
                        .getStatusCode()
                        .value())
                .isEqualTo(204);
        assertThat(call(HttpMethod.POST, "/like/" + postId, JwtTokens.forUser("alice"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void theOwnerDeletesItsPostOnceAndTheDeletionIsAnnounced() {
        String postId = newPost("bob");
        assertThat(call(HttpMethod.POST, "/like/" + postId, JwtTokens.forUser("alice"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        assertThat(call(HttpMethod.DELETE, "/posts/" + postId, JwtTokens.forUser("bob"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(204);

        assertThat(call(HttpMethod.POST, "/like/" + postId, JwtTokens.forUser("carol"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/like/" + postId, JwtTokens.forUser("alice"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/like/count/" + postId, null, null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        var again = call(HttpMethod.DELETE, "/posts/" + postId, JwtTokens.forUser("bob"), null);
        assertThat(again.getStatusCode().value()).isEqualTo(404);
        assertThat(again.getBody()).containsEntry("type", "urn:likes:problem:post-not-found");
        // The id stays taken: registering it again is a conflict, not a resurrection.
        assertThat(call(HttpMethod.POST, "/posts", JwtTokens.forUser("bob"), Map.of("id", postId))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        try (var announced = KafkaTestConsumer.of(Topics.POST_EVENTS)) {
            var records = await().atMost(Duration.ofSeconds(10))
                    .during(Duration.ofMillis(500))
                    .until(() -> announced.poll(r -> postId.equals(r.key())), found -> found.size() == 1);
            var event = PostEventJson.fromBytes(records.get(0).value());
            assertThat(event.type()).isEqualTo(PostEventType.POST_DELETED);
            assertThat(event.ownerId()).isEqualTo("bob");
        }
    }

    private String newPost(String ownerId) {
        String postId = "s-" + UUID.randomUUID();
        var created = call(HttpMethod.POST, "/posts", JwtTokens.forUser(ownerId), Map.of("id", postId));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return postId;
    }

    private ResponseEntity<Map> call(HttpMethod method, String path, String token, Object body) {
        var headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }
}
