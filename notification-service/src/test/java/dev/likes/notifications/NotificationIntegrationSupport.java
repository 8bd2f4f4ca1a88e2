package dev.likes.notifications;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.notifications.push.FcmStandIn;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every integration test of this module extends this, so they share ONE Spring context: a second context would join
 * the same consumer groups and take partitions (and events) away from the first. Push goes to one FCM stand-in for
 * the whole JVM through the real firebase-admin SDK.
 */
@LikesIntegrationTest
@AutoConfigureObservability // Boot turns metrics export off in tests; the metric names are part of the contract
public abstract class NotificationIntegrationSupport {

    protected static final FcmStandIn FCM = FcmStandIn.start();
    private static final Path SERVICE_ACCOUNT =
            FCM.writeServiceAccount(Path.of(System.getProperty("java.io.tmpdir")), "likes-it");
    /** The notifications listener's consumer group, for {@link #awaitConsumed}. */
    protected static final String NOTIFICATIONS_GROUP = "notification-service";

    private static final Duration CONSUMED_WITHIN = Duration.ofSeconds(60);
    private static final AtomicReference<Instant> LAST_OCCURRED_AT = new AtomicReference<>(Instant.EPOCH);
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    @Autowired
    protected TestRestTemplate http;

    /** Where actuator answers: the management port, not the API's. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void pushThroughTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("likes.push.service-account-path", SERVICE_ACCOUNT::toString);
        registry.add("likes.push.fcm-url", () -> FCM.url().toString());
        registry.add("resilience4j.retry.instances.fcm.wait-duration", () -> "20ms");
        // The machine's PostgreSQL is shared by every build running at once: take few connections.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    protected static String randomId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    protected static LikeEvent like(String postId, String ownerId, String actorId) {
        return LikeEvent.of(LikeEventType.LIKED, postId, ownerId, actorId, nextOccurredAt(), null);
    }

    protected static LikeEvent unlike(String postId, String ownerId, String actorId) {
        return LikeEvent.of(LikeEventType.UNLIKED, postId, ownerId, actorId, nextOccurredAt(), null);
    }

    /**
     * Strictly later than the previous call, as like-api's events of one (post, user) are: two calls within one
     * microsecond would otherwise get the same time, which no real like and unlike of one user share.
     */
    private static Instant nextOccurredAt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return LAST_OCCURRED_AT.accumulateAndGet(
                now, (last, candidate) -> candidate.isAfter(last) ? candidate : last.plus(1, ChronoUnit.MICROS));
    }

    /**
     * Publishes as the orchestrator does: key = postId, the id headers, the JSON body; waits for the broker.
     *
     * @return where the record landed, for {@link #awaitConsumed}
     */
    protected static RecordMetadata publish(String topic, LikeEvent event) {
        return publish(topic, event, null);
    }

    /** As {@link #publish(String, LikeEvent)}, plus the W3C {@code traceparent} header the orchestrator's tracing adds. */
    protected static RecordMetadata publish(String topic, LikeEvent event, String traceparent) {
        var record = new ProducerRecord<>(topic, event.postId(), LikeEventJson.toBytes(event));
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        record.headers()
                .add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8))
                .add(EventHeaders.EVENT_TYPE, event.type().name().getBytes(StandardCharsets.UTF_8))
                .add(
                        EventHeaders.SCHEMA_VERSION,
                        String.valueOf(event.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        try {
            return producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /**
     * Waits until the consumer group has committed past the record: its listener has handled it, whatever it made of
     * it (a duplicate or a stale change leaves no row to look for). The listeners commit after each batch.
     */
    protected static void awaitConsumed(String groupId, RecordMetadata sent) {
        var partition = new TopicPartition(sent.topic(), sent.partition());
        Awaitility.await().atMost(CONSUMED_WITHIN).ignoreExceptions().until(() -> {
            OffsetAndMetadata committed = admin().listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .get(partition);
            return committed != null && committed.offset() > sent.offset();
        });
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    LikesInfrastructure.get().kafkaBootstrapServers()));
        }
        return admin;
    }

    /** Publishes bytes that are not a LikeEvent, as a broken producer would. */
    protected static void publishRaw(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            LikesInfrastructure.get().kafkaBootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.LINGER_MS_CONFIG,
                            5),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void flushProducer() {
        if (producer != null) {
            producer.flush();
        }
    }

    @AfterAll
    static synchronized void closeAdmin() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    protected static HttpEntity<Object> as(String userId) {
        return as(userId, null);
    }

    protected static HttpEntity<Object> as(String userId, Object body) {
        var headers = new HttpHeaders();
        headers.setBearerAuth(JwtTokens.forUser(userId));
        if (body != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        return new HttpEntity<>(body, headers);
    }
}
