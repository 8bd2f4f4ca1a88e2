package dev.likes.likeapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.likeapi.LikeApiApplication;
import dev.likes.testsupport.JwtTokens;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructure;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two like-api instances, each a real JVM, relay one outbox at once; one is killed with SIGKILL while it holds a lane
 * in the middle of a batch. The other takes its lanes over within seconds, nothing is lost, and every post's events
 * reach Kafka in the order they were written (a row the dead instance sent but could not delete goes out again, which
 * consumers dedupe by event id; it never overtakes an earlier row of its post).
 */
class OutboxLaneTakeoverIT {

    private static final Logger log = LoggerFactory.getLogger(OutboxLaneTakeoverIT.class);
    private static final String SCHEMA = "like_api_lanes";
    private static final int LANES = 8;
    private static final int POSTS = 64;

    private final LikesInfrastructure infrastructure = LikesInfrastructure.get();
    private final List<Process> instances = new ArrayList<>();
    /** Per post, the next number of its events: the order they were written in. */
    private final Map<String, AtomicInteger> written = new HashMap<>();

    private final Set<UUID> writtenIds = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledRelaysLanesAreTakenOverInOrderAndNothingIsLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            posts.add("lane-" + run + "-" + i);
        }
        posts.forEach(post -> written.put(post, new AtomicInteger()));

        Process survivor = startInstance("like-api-a");
        Process victim = startInstance("like-api-b");
        awaitRelaying("like-api-a");
        awaitRelaying("like-api-b");
        // From now on only: the topic holds every earlier test's events (OutboxBacklogIT's 200,000), and reading them
        // all took longer than this test's own work.
        try (var events = KafkaTestConsumer.fromNow(Topics.LIKE_EVENTS)) {
            // A steady stream of writes, a round of 128 rows every 50 ms, on one connection of its own.
            Connection writerConnection = infrastructure.openConnection();
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            writer.scheduleWithFixedDelay(
                    () -> {
                        try {
                            insert(writerConnection, posts, 128);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);

            // Kill the second instance while it holds a lane: it has read rows and is sending or deleting them.
            await().atMost(Duration.ofSeconds(60)).until(() -> lanesHeldBy("like-api-b") > 0);
            victim.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            log.info("killed like-api-b while it held a lane");

            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            writer.shutdown();
            assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            writerConnection.close();
            assertThat(survivor.isAlive()).isTrue();

            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows() == 0);
            log.info(
                    "outbox drained by the surviving instance {} s after the kill; {} events written",
                    String.format("%.1f", (System.nanoTime() - killedAt) / 1e9),
                    writtenIds.size());

            Map<String, List<Integer>> firstSeenOrder = new HashMap<>();
            Set<UUID> seen = new HashSet<>();
            Set<String> ours = Set.copyOf(posts);
            var read = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<ConsumerRecord<String, byte[]>> all = events.poll();
                // Records come in each partition's order, and one post's records are all on one partition.
                for (ConsumerRecord<String, byte[]> record : all.subList(read.get(), all.size())) {
                    if (!ours.contains(record.key())) {
                        continue;
                    }
                    LikeEvent event = LikeEventJson.fromBytes(record.value());
                    if (seen.add(event.eventId())) {
                        firstSeenOrder
                                .computeIfAbsent(event.postId(), p -> new ArrayList<>())
                                .add(Integer.parseInt(event.userId().substring("fan-".length())));
                    }
                }
                read.set(all.size());
                return seen.containsAll(writtenIds);
            });
            for (String post : posts) {
                List<Integer> order = firstSeenOrder.getOrDefault(post, List.of());
                assertThat(order)
                        .as("events of %s in the order Kafka holds them", post)
                        .isSorted();
                assertThat(order)
                        .as("events of %s", post)
                        .hasSize(written.get(post).get());
            }
        }
    }

    private void insert(Connection connection, List<String> posts, int rows) throws SQLException {
        var lanes = new OutboxLanes(LANES);
        try (PreparedStatement insert = connection.prepareStatement(
                """
                INSERT INTO %s.outbox (id, lane, aggregate_id, event_type, topic, payload)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)
                """
                        .formatted(SCHEMA))) {
            Instant now = Instant.now();
            for (int i = 0; i < rows; i++) {
                String post = posts.get(i % posts.size());
                int number = written.get(post).getAndIncrement();
                var event = LikeEvent.of(LikeEventType.LIKED, post, "owner", "fan-" + number, now, null);
                insert.setObject(1, event.eventId());
                insert.setShort(2, (short) lanes.of(post));
                insert.setString(3, post);
                insert.setString(4, event.type().name());
                insert.setString(5, Topics.LIKE_EVENTS);
                insert.setString(6, LikeEventJson.toJson(event));
                insert.addBatch();
                writtenIds.add(event.eventId());
            }
            // One transaction per round, like a group commit of the API: its rows keep their order in each lane.
            connection.setAutoCommit(false);
            insert.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private Process startInstance(String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                LikeApiApplication.class.getName(),
                "--server.port=" + freePort(),
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + infrastructure.databaseUser(),
                "--spring.datasource.password=" + infrastructure.databasePassword(),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.datasource.hikari.data-source-properties.ApplicationName=" + name,
                "--spring.flyway.schemas=" + SCHEMA,
                "--spring.flyway.default-schema=" + SCHEMA,
                "--spring.datasource.hikari.schema=" + SCHEMA,
                "--spring.data.redis.host=" + infrastructure.redisHost(),
                "--spring.data.redis.port=" + infrastructure.redisPort(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                // Batches wait for the broker a while, so a relay spends most of its time inside a batch.
                "--spring.kafka.producer.properties.linger.ms=50",
                "--likes.security.jwt-secret=" + JwtTokens.TEST_SECRET,
                "--likes.outbox.lanes=" + LANES,
                "--likes.outbox.relay-threads=2",
                "--likes.outbox.batch-size=200",
                "--likes.outbox.poll-interval=100ms"));
        File logFile = new File("target/" + getClass().getSimpleName() + "-" + name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile)
                .start();
        instances.add(process);
        return process;
    }

    /** Waits until the instance's relay has a connection open: its context has started. */
    private void awaitRelaying(String name) {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> query("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + name
                                + "' AND datname = current_database()")
                        > 0);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> query("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + SCHEMA
                                + "' AND table_name = 'outbox'")
                        > 0);
    }

    private long lanesHeldBy(String name) throws SQLException {
        return query(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = '%s'
                """
                        .formatted(name));
    }

    private long outboxRows() throws SQLException {
        return query("SELECT count(*) FROM " + SCHEMA + ".outbox");
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = infrastructure.openConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
