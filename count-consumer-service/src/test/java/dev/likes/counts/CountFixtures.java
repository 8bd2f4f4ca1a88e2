package dev.likes.counts;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the integration tests need: publishing events as the like API's relay does, and reading the tables. */
public final class CountFixtures {

    private static volatile KafkaProducer<String, byte[]> producer;

    private CountFixtures() {}

    public static String newPostId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static LikeEvent event(LikeEventType type, String postId, String userId) {
        return LikeEvent.of(type, postId, "owner-" + postId, userId, Instant.now(), null);
    }

    /** Sends the events as the outbox relay does (key postId, JSON bytes, headers) and waits for the broker. */
    public static void publish(List<LikeEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (LikeEvent e : events) {
            var record = new ProducerRecord<>(
                    dev.likes.events.Topics.LIKE_EVENTS, null, e.postId(), LikeEventJson.toBytes(e));
            record.headers()
                    .add(EventHeaders.EVENT_ID, utf8(e.eventId().toString()))
                    .add(EventHeaders.EVENT_TYPE, utf8(e.type().name()))
                    .add(EventHeaders.SCHEMA_VERSION, utf8(String.valueOf(e.schemaVersion())));
            sent.add(producer().send(record));
        }
        awaitAll(sent);
    }

    /** Sends the event as {@link #publish} does, plus a W3C {@code traceparent} header as the relay's tracing adds. */
    public static void publishTraced(LikeEvent e, String traceparent) {
        var record =
                new ProducerRecord<>(dev.likes.events.Topics.LIKE_EVENTS, null, e.postId(), LikeEventJson.toBytes(e));
        record.headers()
                .add(EventHeaders.EVENT_ID, utf8(e.eventId().toString()))
                .add(EventHeaders.EVENT_TYPE, utf8(e.type().name()))
                .add(EventHeaders.SCHEMA_VERSION, utf8(String.valueOf(e.schemaVersion())))
                .add("traceparent", utf8(traceparent));
        awaitAll(List.of(producer().send(record)));
    }

    public static void publishRaw(String key, byte[] value) {
        awaitAll(List.of(producer().send(new ProducerRecord<>(dev.likes.events.Topics.LIKE_EVENTS, key, value))));
    }

    private static void awaitAll(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the test events", e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (CountFixtures.class) {
                if (producer == null) {
                    producer = new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    LikesInfrastructure.get().kafkaBootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.LINGER_MS_CONFIG,
                                    5,
                                    ProducerConfig.BATCH_SIZE_CONFIG,
                                    256 * 1024),
                            new StringSerializer(),
                            new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /** The post's count in post_counts, or null when it has no row. */
    public static Long countOf(String postId) {
        return queryLong("SELECT like_count FROM counts.post_counts WHERE post_id = ?", postId);
    }

    public static String statusOf(UUID eventId) {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s = c.prepareStatement("SELECT status FROM counts.count_events WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Long queryLong(String sql, Object... params) {
        try (Connection c = LikesInfrastructure.get().openConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1, Long.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = LikesInfrastructure.get().openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A counter's total (0 when never registered). */
    public static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
