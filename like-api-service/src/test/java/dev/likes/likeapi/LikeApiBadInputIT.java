package dev.likes.likeapi;

import dev.likes.testsupport.BadInputCorpus;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public API against what an attacker or a careless client sends: never a 5xx, every refusal a problem. */
@LikesIntegrationTest
class LikeApiBadInputIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Test
    void noInputGetsAServerErrorAndEveryRefusalIsAProblem() {
        String postId = new LikeApiClient(http).newPost("owner-" + UUID.randomUUID());
        Map<String, String> signedIn =
                Map.of("Authorization", "Bearer " + JwtTokens.forUser("bad-input-" + UUID.randomUUID()));
        byte[] toggle = ("{\"postId\":\"" + postId + "\"}").getBytes(StandardCharsets.UTF_8);

        BadInputCorpus.against(port)
                .refusedBeforeAnyHandler("/like/count/")
                .refusedByTheFirewall("/like/count/", 400)
                .generatedPathSegments("GET", "/like/count/", Map.of(), 40)
                .generatedPathSegments("POST", "/like/", signedIn, 30)
                .generatedPathSegments("GET", "/posts/", Map.of(), 20)
                .generatedHeaders("POST", "/like", toggle, 30)
                .unusableTokens("POST", "/like/" + postId, null)
                .unusableTokens("POST", "/posts", "{}".getBytes(StandardCharsets.UTF_8))
                .badBodies("POST", "/like", signedIn, "postId", 30)
                .badBodies("POST", "/posts", signedIn, "id", 20)
                .assertNoServerErrorAndEveryRefusalIsAProblem();
    }
}
