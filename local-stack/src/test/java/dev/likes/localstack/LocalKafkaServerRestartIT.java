package dev.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker killed with SIGKILL, as {@code bin/chaos} does, and started again on the same directory:
 * nothing acknowledged is lost, the consumer group keeps its committed offsets, and the group is served again within
 * seconds rather than after the dead incarnation's broker session has run out.
 */
class LocalKafkaServerRestartIT {

    private static final String TOPIC = "restart-it";
    private static final String GROUP = "restart-it-group";

    /**
     * The chaos run's convergence target is 30 s after the last fault, a broker outage among them; a broker that
     * serves nobody for 30 s after it is back spends all of it. Counted from the moment the restarted server listens:
     * its JVM's start before that takes a few seconds on a quiet machine and far more on a loaded one, and is not what
     * the broker's settings decide (before them, the group was served again about 32 s after the start).
     */
    private static final Duration BACK_IN_SERVICE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledServerComesBackWithEveryRecordAndServesItsGroupWithinSeconds() throws Exception {
        int port = freePortPair();
        String bootstrap = "127.0.0.1:" + port;
        Process first = start(port);

        send(bootstrap, "before", 50);
        List<String> readBefore = consume(bootstrap, 50, Duration.ofSeconds(60));
        assertThat(readBefore).hasSize(50);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        start(port);
        long listening = System.nanoTime();

        send(bootstrap, "after", 50);
        List<String> readAfter = consume(bootstrap, 50, Duration.ofSeconds(90));
        Duration backInService = Duration.ofNanos(System.nanoTime() - listening);

        assertThat(readAfter)
                .as("the group resumes at its committed offsets: only the records sent after the restart")
                .hasSize(50)
                .allMatch(value -> value.startsWith("after-"));
        assertThat(backInService).isLessThan(BACK_IN_SERVICE);
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalKafkaServer.class.getName(),
                        String.valueOf(port),
                        home.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile())
                .start();
        servers.add(server);
        // Fails at once if the server dies while starting, instead of waiting out the minute.
        await("the server listens within 60 s; see " + home.resolve("server.log"))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(server.isAlive())
                            .as("the server runs; see " + home.resolve("server.log"))
                            .isTrue();
                    return listening(port);
                });
        return server;
    }

    private static void send(String bootstrap, String prefix, int count) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                120_000);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, prefix + "-" + i))
                        .get(120, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consume(String bootstrap, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
                consumer.commitSync();
            }
        }
        return values;
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A free port whose successor is free too: the node's controller listens on port + 1. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (var controller = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports");
    }
}
