package dev.likes.counts;

import static dev.likes.counts.CountFixtures.countOf;
import static dev.likes.counts.CountFixtures.counter;
import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.execute;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@LikesIntegrationTest
class ReconciliationIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Test
    void reconciliationRepairsADeliberatelyCorruptedCount() throws Exception {
        // The like API's table, as its migration creates it; in production it is there already.
        execute("CREATE SCHEMA IF NOT EXISTS like_api");
        execute(
                """
                CREATE TABLE IF NOT EXISTS like_api.likes (
                    post_id varchar(100) NOT NULL, user_id varchar(255) NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    CONSTRAINT uk_likes_post_user PRIMARY KEY (post_id, user_id))
                """);
        String post = newPostId("drift");
        execute("INSERT INTO like_api.likes (post_id, user_id) VALUES ('%1$s', 'a'), ('%1$s', 'b'), ('%1$s', 'c')"
                .formatted(post));
        publish(List.of(
                event(LikeEventType.LIKED, post, "a"),
                event(LikeEventType.LIKED, post, "b"),
                event(LikeEventType.LIKED, post, "c")));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(3L));

        execute("UPDATE counts.post_counts SET like_count = 7 WHERE post_id = '" + post + "'");
        double repairsBefore = counter(meters, "likes.counts.reconciliation.repairs");

        ResponseEntity<String> answer = http.withBasicAuth("operator", "test-operator-password")
                .postForEntity("/ops/reconciliation/run", null, String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(answer.getBody()).get("repaired").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(countOf(post)).isEqualTo(3L);
        assertThat(redis.opsForValue().get("post:" + post + ":like_count")).isEqualTo("3");
        assertThat(counter(meters, "likes.counts.reconciliation.repairs") - repairsBefore)
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("likes.counts.reconciliation.drift").gauge().value())
                .isGreaterThanOrEqualTo(1);

        // Repaired: the next run finds this post right.
        ResponseEntity<String> second = http.withBasicAuth("operator", "test-operator-password")
                .postForEntity("/ops/reconciliation/run", null, String.class);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(countOf(post)).isEqualTo(3L);
    }
}
