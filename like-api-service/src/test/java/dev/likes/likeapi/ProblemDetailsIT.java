package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input gets a clear 4xx with an RFC 9457 problem body, never a stack trace, and changes nothing. */
@LikesIntegrationTest
class ProblemDetailsIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMalformedPostIdIsA400() {
        var answer = call(HttpMethod.POST, "/like/bad$id", "alice", null, null);

        assertProblem(answer, 400);
        assertThat(answer.getBody()).containsKey("traceId");
    }

    @Test
    void aPostIdOfMoreThan100CharactersIsA400() {
        assertProblem(call(HttpMethod.POST, "/like/" + "a".repeat(101), "alice", null, null), 400);
    }

    @Test
    void noTokenIsA401() {
        var answer = call(HttpMethod.POST, "/like/some-post", null, null, null);

        assertProblem(answer, 401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsA401() {
        var headers = new HttpHeaders();
        headers.setBearerAuth(
                JwtTokens.forUser("mallory", "another-secret-that-is-long-enough-0123456789", Duration.ofHours(1)));

        var answer = http.exchange("/like/some-post", HttpMethod.POST, new HttpEntity<>(headers), Map.class);

        assertProblem(answer, 401);
    }

    @Test
    void anExpiredTokenIsA401() {
        var headers = new HttpHeaders();
        headers.setBearerAuth(JwtTokens.forUser("alice", JwtTokens.TEST_SECRET, Duration.ofMinutes(-5)));

        assertProblem(http.exchange("/like/some-post", HttpMethod.POST, new HttpEntity<>(headers), Map.class), 401);
    }

    @Test
    void anUnknownPostIsA404() {
        var answer = call(HttpMethod.POST, "/like/no-such-post-" + System.nanoTime(), "alice", null, null);

        assertProblem(answer, 404);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:post-not-found");
    }

    @Test
    void aWrongMethodIsA405WithAStableTypeAndTheTraceId() {
        var answer = call(HttpMethod.PUT, "/like/some-post", "alice", null, null);

        assertProblem(answer, 405);
        assertThat(answer.getBody()).containsEntry("type", "urn:likes:problem:http-405");
        assertThat((String) answer.getBody().get("traceId")).matches("[0-9a-f]{32}");
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        assertProblem(call(HttpMethod.POST, "/like", "alice", "postId=x", MediaType.TEXT_PLAIN), 415);
    }

    @Test
    void malformedJsonIsA400() {
        assertProblem(call(HttpMethod.POST, "/like", "alice", "{\"postId\": ", MediaType.APPLICATION_JSON), 400);
    }

    @Test
    void aBodyCannotNameAnotherUser() {
        var answer = call(
                HttpMethod.POST,
                "/like",
                "alice",
                "{\"postId\": \"some-post\", \"userId\": \"bob\"}",
                MediaType.APPLICATION_JSON);

        assertProblem(answer, 400);
        assertThat(jdbc.sql("SELECT count(*) FROM likes WHERE user_id = 'bob' AND post_id = 'some-post'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anOversizedBodyIsA413() {
        String huge = "{\"postId\": \"" + "a".repeat(20_000) + "\"}";

        assertProblem(call(HttpMethod.POST, "/like", "alice", huge, MediaType.APPLICATION_JSON), 413);
    }

    @Test
    void aToggleWithAnInvalidPostIdIsA400() {
        assertProblem(
                call(HttpMethod.POST, "/like", "alice", "{\"postId\": \"no spaces\"}", MediaType.APPLICATION_JSON),
                400);
    }

    @Test
    void registeringAnExistingPostIsA409() {
        String body = "{\"id\": \"dup-" + System.nanoTime() + "\"}";
        call(HttpMethod.POST, "/posts", "owner", body, MediaType.APPLICATION_JSON);

        assertProblem(call(HttpMethod.POST, "/posts", "owner", body, MediaType.APPLICATION_JSON), 409);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertProblem(call(HttpMethod.GET, "/posts/x/nothing-here", "alice", null, null), 404);
    }

    private ResponseEntity<Map> call(HttpMethod method, String path, String userId, String body, MediaType type) {
        var headers = new HttpHeaders();
        if (userId != null) {
            headers.setBearerAuth(JwtTokens.forUser(userId));
        }
        if (type != null) {
            headers.setContentType(type);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private static void assertProblem(ResponseEntity<Map> answer, int status) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(answer.getBody())
                .containsEntry("status", status)
                .containsKey("type")
                .containsKey("title");
        assertThat(answer.getBody().toString()).doesNotContain("Exception").doesNotContain("at dev.likes");
    }
}
