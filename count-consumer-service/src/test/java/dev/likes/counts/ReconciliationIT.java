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
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

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

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void reconciliationRepairsADeliberatelyCorruptedCount() throws Exception {
        createTheLikeApiTables();
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

    /**
     * The broker was down: the post's likes are rows, their events still wait in the like API's outbox, so the count
     * is behind but not wrong. Repairing it to the rows would count those events twice once the relay sends them.
     */
    @Test
    void aCountWhoseEventsStillWaitInTheOutboxIsLeftForTheEventsToComplete() throws Exception {
        String post = threeLikeRowsOneCounted("outboxed");
        var waiting = List.of(event(LikeEventType.LIKED, post, "b"), event(LikeEventType.LIKED, post, "c"));
        for (var e : waiting) {
            execute(
                    """
                    INSERT INTO like_api.outbox (lane, id, aggregate_id, event_type, topic, payload)
                    VALUES (0, '%s', '%s', 'LIKED', 'likes.events', '{}')
                    """
                            .formatted(e.eventId(), post));
        }

        runReconciliation();
        assertThat(countOf(post)).isEqualTo(1L);

        // The broker is back: the relay sends the rows and deletes them.
        publish(waiting);
        execute("DELETE FROM like_api.outbox WHERE aggregate_id = '" + post + "'");
        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(3L));
        runReconciliation();
        assertThat(countOf(post)).isEqualTo(3L);
    }

    /**
     * The broker is back and the relay sent everything, but the count consumer has not read it yet: a count that is
     * behind the topic is not wrong either.
     */
    @Test
    void aCountWhoseEventsStillWaitInTheTopicIsLeftForTheConsumerToCatchUp() throws Exception {
        String post = threeLikeRowsOneCounted("lagging");

        MessageListenerContainer consumer = listeners.getListenerContainer("count-consumer");
        consumer.pause();
        try {
            await().atMost(ASYNC).until(consumer::isPauseRequested);
            await().atMost(ASYNC).until(() -> consumer.isContainerPaused());
            publish(List.of(event(LikeEventType.LIKED, post, "b"), event(LikeEventType.LIKED, post, "c")));

            runReconciliation();
            assertThat(countOf(post)).isEqualTo(1L);
        } finally {
            consumer.resume();
        }
        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(3L));
        runReconciliation();
        assertThat(countOf(post)).isEqualTo(3L);
    }

    /** A post with the like rows of a, b and c, of which only a's event has been counted so far. */
    private static String threeLikeRowsOneCounted(String prefix) {
        createTheLikeApiTables();
        String post = newPostId(prefix);
        execute("INSERT INTO like_api.likes (post_id, user_id) VALUES ('%1$s', 'a'), ('%1$s', 'b'), ('%1$s', 'c')"
                .formatted(post));
        publish(List.of(event(LikeEventType.LIKED, post, "a")));
        await().atMost(ASYNC).untilAsserted(() -> assertThat(countOf(post)).isEqualTo(1L));
        return post;
    }

    private void runReconciliation() {
        ResponseEntity<String> answer = http.withBasicAuth("operator", "test-operator-password")
                .postForEntity("/ops/reconciliation/run", null, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** The like API's tables, in the columns its migrations create; in production they are there already. */
    private static void createTheLikeApiTables() {
        execute("CREATE SCHEMA IF NOT EXISTS like_api");
        execute(
                """
                CREATE TABLE IF NOT EXISTS like_api.likes (
                    post_id varchar(100) NOT NULL, user_id varchar(255) NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    CONSTRAINT uk_likes_post_user PRIMARY KEY (post_id, user_id))
                """);
        execute(
                """
                CREATE TABLE IF NOT EXISTS like_api.outbox (
                    lane smallint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY, id uuid NOT NULL,
                    aggregate_id varchar(100) NOT NULL, event_type varchar(32) NOT NULL,
                    topic varchar(255) NOT NULL, payload jsonb NOT NULL, trace_parent varchar(64),
                    created_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT pk_outbox PRIMARY KEY (lane, seq))
                """);
    }
}
