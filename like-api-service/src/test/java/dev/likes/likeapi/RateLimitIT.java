package dev.likes.likeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The limits hold against the real Redis: per user on writes (other users and the same address unaffected), per
 * address on failed authentication. Small limits here; the defaults are in service-kit's tests and let every other
 * IT of the suite through.
 */
@BrowserAndLimitsTest
class RateLimitIT {

    @Autowired
    TestRestTemplate http;

    /**
     * The limiter opens its Redis connection in the background and lets requests through unchecked until then (it
     * never fails a request for want of Redis): wait until an answer shows it checking, so a context started on a busy
     * machine is not mistaken for a limit that does not hold.
     */
    @BeforeEach
    void limiterConnected() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner-" + java.util.UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.like(postId, "probe-" + java.util.UUID.randomUUID())
                                .getHeaders()
                                .getFirst("RateLimit-Limit")
                        != null);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aUserOverTheLimitGets429WithTheHeadersWhileAnotherUserIsUnaffected() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner-" + java.util.UUID.randomUUID());
        String eager = "eager-" + java.util.UUID.randomUUID();

        ResponseEntity<Map> refused = null;
        for (int i = 0; i < BrowserAndLimitsTest.USER_CAPACITY + 3 && refused == null; i++) {
            var answer = api.like(postId, eager);
            if (answer.getStatusCode().value() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatusCode().value()).isEqualTo(200);
            }
        }

        assertThat(refused).as("a 429 within the capacity").isNotNull();
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody())
                .containsEntry("type", "urn:likes:problem:rate-limited")
                .containsEntry("title", "Too Many Requests")
                .containsEntry("status", 429);
        assertThat((String) refused.getBody().get("traceId")).matches("[0-9a-f]{32}");
        assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.getHeaders().getFirst("RateLimit-Limit"))
                .isEqualTo(Integer.toString(BrowserAndLimitsTest.USER_CAPACITY));
        assertThat(refused.getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.getHeaders().getFirst("RateLimit-Reset")))
                .isBetween(1L, 60L);

        var someoneElse = api.like(postId, "calm-" + java.util.UUID.randomUUID());
        assertThat(someoneElse.getStatusCode().value()).isEqualTo(200);
        assertThat(someoneElse.getHeaders().getFirst("RateLimit-Remaining"))
                .isEqualTo(Integer.toString(BrowserAndLimitsTest.USER_CAPACITY - 1));
        // Reads change nothing and are not limited, even for the user who spent the writes.
        assertThat(http.getForEntity("/like/count/" + postId, Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void manyUsersFromOneAddressAreNotThrottled() {
        var api = new LikeApiClient(http);
        String postId = api.newPost("owner-" + java.util.UUID.randomUUID());
        String run = java.util.UUID.randomUUID().toString();

        for (int user = 0; user < 100; user++) {
            for (int write = 0; write < BrowserAndLimitsTest.USER_CAPACITY - 1; write++) {
                var answer = write % 2 == 0 ? api.like(postId, run + "-" + user) : api.unlike(postId, run + "-" + user);
                assertThat(answer.getStatusCode().value()).isEqualTo(200);
            }
        }
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aFloodOfBadTokensFromOneAddressGets429ButAValidTokenStillPasses() {
        var bad = new HttpHeaders();
        bad.setBearerAuth("not-a-token");

        ResponseEntity<Map> refused = null;
        int unauthorized = 0;
        for (int i = 0; i < BrowserAndLimitsTest.FAILED_AUTHENTICATION_CAPACITY + 3 && refused == null; i++) {
            var answer = http.exchange("/like/p-flood", HttpMethod.POST, new HttpEntity<>(bad), Map.class);
            if (answer.getStatusCode().value() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatusCode().value()).isEqualTo(401);
                unauthorized++;
            }
        }

        assertThat(unauthorized).isGreaterThanOrEqualTo(BrowserAndLimitsTest.FAILED_AUTHENTICATION_CAPACITY - 1);
        assertThat(refused).as("a 429 once the address spent its failures").isNotNull();
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).containsEntry("type", "urn:likes:problem:rate-limited");
        assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(refused.getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        // Without a token at all it is the same address and the same budget.
        assertThat(http.postForEntity("/like/p-flood", null, Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(429);

        var api = new LikeApiClient(http);
        String postId = api.newPost("owner-" + java.util.UUID.randomUUID());
        assertThat(api.like(postId, "honest-" + java.util.UUID.randomUUID())
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }
}
