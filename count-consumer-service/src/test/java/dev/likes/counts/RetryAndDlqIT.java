package dev.likes.counts;

import static dev.likes.counts.CountFixtures.countOf;
import static dev.likes.counts.CountFixtures.counter;
import static dev.likes.counts.CountFixtures.event;
import static dev.likes.counts.CountFixtures.execute;
import static dev.likes.counts.CountFixtures.newPostId;
import static dev.likes.counts.CountFixtures.publish;
import static dev.likes.counts.CountFixtures.publishRaw;
import static dev.likes.counts.CountFixtures.queryLong;
import static dev.likes.counts.CountFixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@LikesIntegrationTest
class RetryAndDlqIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String DLQ = Topics.dlqOf(Topics.LIKE_EVENTS);

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Test
    void aDatabaseFailureParksTheEventAsRetryingWithBackoffUntilItSucceeds() {
        String flaky = newPostId("flaky");
        String steady = newPostId("steady");
        // A real failure of the real database: the first four writes of this post's count raise an error.
        String name = injectFailure(flaky, 4);
        double retryingBefore = counter(meters, "likes.counts.transitions", "to", "RETRYING");
        try {
            LikeEvent failing = event(LikeEventType.LIKED, flaky, "u1");
            publish(List.of(failing, event(LikeEventType.LIKED, steady, "u1")));

            await().atMost(ASYNC)
                    .untilAsserted(() -> assertThat(statusOf(failing.eventId())).isEqualTo("SUCCESS"));
            assertThat(countOf(flaky)).isEqualTo(1L);
            assertThat(countOf(steady)).isEqualTo(1L);
            // Batch attempt, per-event attempt (then parked), retry 1 and retry 2 failed; retry 3 counted it.
            assertThat(queryLong(
                            "SELECT retry_count::bigint FROM counts.count_events WHERE event_id = ?",
                            failing.eventId()))
                    .isEqualTo(3L);
            // The backoffs before retries 1, 2 and 3 were 100, 200 and 400 ms.
            assertThat(queryLong(
                            "SELECT (extract(epoch FROM updated_at - created_at) * 1000)::bigint"
                                    + " FROM counts.count_events WHERE event_id = ?",
                            failing.eventId()))
                    .isGreaterThanOrEqualTo(700L);
            assertThat(counter(meters, "likes.counts.transitions", "to", "RETRYING") - retryingBefore)
                    .isGreaterThanOrEqualTo(3);
        } finally {
            removeFailure(name);
        }
    }

    @Test
    void aPermanentFailureEndsFailedOnTheDlqAndAReplayCountsItOnce() throws Exception {
        String doomed = newPostId("doomed");
        String name = injectFailure(doomed, Integer.MAX_VALUE);
        LikeEvent failing = event(LikeEventType.LIKED, doomed, "u1");
        try (var dlq = KafkaTestConsumer.of(DLQ)) {
            publish(List.of(failing));

            await().atMost(ASYNC)
                    .untilAsserted(() -> assertThat(statusOf(failing.eventId())).isEqualTo("FAILED"));
            assertThat(queryLong(
                            "SELECT retry_count::bigint FROM counts.count_events WHERE event_id = ?",
                            failing.eventId()))
                    .isEqualTo(5L);
            ConsumerRecord<String, byte[]> dead = await().atMost(ASYNC)
                    .until(
                            () -> dlq.poll(r -> failing.eventId().toString().equals(header(r, EventHeaders.EVENT_ID))),
                            found -> !found.isEmpty())
                    .get(0);
            assertThat(header(dead, "likes-dlq-reason")).isEqualTo("exhausted");
            assertThat(header(dead, "kafka_dlt-exception-message")).contains("injected failure");
            assertThat(dead.key()).isEqualTo(doomed);
            assertThat(countOf(doomed)).isNull();
        } finally {
            removeFailure(name);
        }

        JsonNode first = replay(false);
        assertThat(first.get("replayed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(countOf(doomed)).isEqualTo(1L);

        JsonNode again = replay(true);
        assertThat(again.get("alreadyCounted").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(countOf(doomed)).isEqualTo(1L);
        assertThat(statusOf(failing.eventId())).isEqualTo("FAILED");
        assertThat(queryLong(
                        "SELECT count(*) FROM counts.count_events WHERE event_id = ? AND replayed_at IS NOT NULL",
                        failing.eventId()))
                .isEqualTo(1L);
    }

    @Test
    void aPoisonRecordGoesToTheDlqAndItsPartitionKeepsFlowing() {
        String post = newPostId("poison");
        try (var dlq = KafkaTestConsumer.of(DLQ)) {
            // Same key, so the same partition: the good events behind the poison must still be counted.
            publishRaw(post, "{not json".getBytes(StandardCharsets.UTF_8));
            publish(List.of(event(LikeEventType.LIKED, post, "u1"), event(LikeEventType.LIKED, post, "u2")));

            await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(2L));
            ConsumerRecord<String, byte[]> dead = await().atMost(ASYNC)
                    .until(() -> dlq.poll(r -> post.equals(r.key())), found -> !found.isEmpty())
                    .get(0);
            assertThat(header(dead, "likes-dlq-reason")).isEqualTo("poison");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.LIKE_EVENTS);
        }
    }

    @Test
    void operatorEndpointsNeedTheOperatorsCredentials() {
        ResponseEntity<String> anonymous = http.postForEntity("/ops/dlq/replay", null, String.class);
        ResponseEntity<String> wrong =
                http.withBasicAuth("operator", "guess").postForEntity("/ops/reconciliation/run", null, String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous.getBody()).contains("urn:likes:problem:unauthorized");
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode replay(boolean fromBeginning) throws Exception {
        ResponseEntity<String> answer = http.withBasicAuth("operator", "test-operator-password")
                .postForEntity("/ops/dlq/replay?fromBeginning=" + fromBeginning, null, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    /** Makes the first {@code failures} count writes of the post fail in PostgreSQL; returns the trigger's name. */
    static String injectFailure(String postId, int failures) {
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SEQUENCE counts." + name);
        execute(
                """
                CREATE FUNCTION counts.%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.post_id = '%2$s' THEN
                    IF nextval('counts.%1$s') <= %3$d THEN
                      RAISE EXCEPTION 'injected failure for %2$s';
                    END IF;
                  END IF;
                  RETURN NEW;
                END $$
                """
                        .formatted(name, postId, failures));
        execute("CREATE TRIGGER " + name + " BEFORE INSERT ON counts.post_counts FOR EACH ROW EXECUTE FUNCTION counts."
                + name + "()");
        return name;
    }

    static void removeFailure(String name) {
        execute("DROP TRIGGER IF EXISTS " + name + " ON counts.post_counts");
        execute("DROP FUNCTION IF EXISTS counts." + name + "()");
        execute("DROP SEQUENCE IF EXISTS counts." + name);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
