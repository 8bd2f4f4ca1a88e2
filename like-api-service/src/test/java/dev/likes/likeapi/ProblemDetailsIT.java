package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
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

/**
 * Bad input gets a clear 4xx with an RFC 9457 problem body, never a stack trace, and changes nothing: the cases that
 * need the whole stack (the request's trace id, Tomcat's body handling, the database); the framework 405 is in
 * {@code LikeApiApplicationIT}. The mapping and error cases of
 * each call are the controllers' {@code @WebMvcTest} slices.
 */
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
