package dev.likes.likeapi;

import dev.likes.testsupport.JwtTokens;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The like API as a client sees it, for integration tests. */
record LikeApiClient(TestRestTemplate http) {

    /** Registers a post with a random id owned by {@code ownerId} and returns its id. */
    String newPost(String ownerId) {
        String postId = "p-" + UUID.randomUUID();
        var created = exchange(HttpMethod.POST, "/posts", ownerId, Map.of("id", postId));
        if (!created.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException("Could not create post: " + created);
        }
        return postId;
    }

    ResponseEntity<Map> like(String postId, String userId) {
        return exchange(HttpMethod.POST, "/like/" + postId, userId, null);
    }

    ResponseEntity<Map> unlike(String postId, String userId) {
        return exchange(HttpMethod.DELETE, "/like/" + postId, userId, null);
    }

    ResponseEntity<Map> toggle(String postId, String userId) {
        return exchange(HttpMethod.POST, "/like", userId, Map.of("postId", postId));
    }

    ResponseEntity<Map> exchange(HttpMethod method, String path, String userId, Object body) {
        var headers = new HttpHeaders();
        if (userId != null) {
            headers.setBearerAuth(JwtTokens.forUser(userId));
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }
}
