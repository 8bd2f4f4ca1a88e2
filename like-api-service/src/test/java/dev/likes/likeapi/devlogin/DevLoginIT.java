package dev.likes.likeapi.devlogin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.testsupport.LikesIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "likes.dev-login.enabled=true",
            "likes.web.feed-url=http://feed.example/",
            "likes.web.notifications-url=http://notifications.example"
        })
class DevLoginIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void aDevTokenActsAsTheUserItNames() {
        var token = post("/dev/token", Map.of("user", "alice"), null);
        assertThat(token.getStatusCode().value()).isEqualTo(200);
        assertThat(token.getBody()).containsEntry("user", "alice").containsKey("expiresAt");
        String bearer = (String) token.getBody().get("token");

        String postId = "dev-" + UUID.randomUUID();
        var created = post("/posts", Map.of("id", postId), bearer);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("ownerId", "alice");
    }

    @Test
    void aUserNameThatCannotBeASubjectIsA400() {
        assertThat(post("/dev/token", Map.of("user", ""), null).getStatusCode().value())
                .isEqualTo(400);
        assertThat(post("/dev/token", Map.of("user", "a b"), null)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(post("/dev/token", Map.of(), null).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theConfigSaysDevSignInIsOnAndUsesTheConfiguredUrls() {
        assertThat(http.getForObject("/config.json", Map.class))
                .containsEntry("devLogin", true)
                .containsEntry("feedUrl", "http://feed.example")
                .containsEntry("notificationsUrl", "http://notifications.example");
    }

    private org.springframework.http.ResponseEntity<Map> post(String path, Object body, String bearer) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            headers.setBearerAuth(bearer);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    }
}
