package dev.likes.likeapi.platform;

import dev.likes.events.LikeEventJson;
import dev.likes.events.PostEvent;
import dev.likes.events.PostEventJson;
import dev.likes.events.PostEventType;
import dev.likes.events.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The backfill behind {@code bin/import-posts}: reads an NDJSON file of {@code POST_CREATED} events and produces each
 * line, unchanged and keyed by its postId, to the platform's post topic, which the like API consumes anyway. So there
 * is one way a post gets registered from outside (the topic, applied set-wise and idempotently by {@link
 * PlatformPostsListener}), and importing a file twice, or a file the topic already carried, registers nothing twice.
 *
 * <p>Lines are checked here with the consumer's own rules, so a bad line is reported with its line number instead of
 * being parked on the DLQ; it is skipped and counted. Once everything is acknowledged (acks=all, idempotent producer),
 * it waits until the like API's consumer group has caught up with the topic, so the figure it reports is posts
 * registered per second, not posts sent. A plain main, no Spring: it starts in a fraction of a second.
 */
public final class ImportPosts {

    /** Where to import to, and how long to wait for the like API. */
    public record Settings(String bootstrapServers, String topic, String consumerGroup, Duration waitForConsumer) {

        /** From the environment: {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code LIKES_PLATFORM_POSTS_TOPIC}, ... */
        static Settings fromEnvironment() {
            return new Settings(
                    env("SPRING_KAFKA_BOOTSTRAP_SERVERS", env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")),
                    env("LIKES_PLATFORM_POSTS_TOPIC", Topics.PLATFORM_POSTS),
                    env("LIKES_IMPORT_CONSUMER_GROUP", PlatformPostsListener.ID),
                    Duration.parse(env("LIKES_IMPORT_WAIT", "PT10M")));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    /**
     * What an import did.
     *
     * @param sent posts the broker acknowledged
     * @param invalid lines skipped: not JSON, not a POST_CREATED, or without a usable postId or ownerId
     * @param sendSeconds from the first line read to the last acknowledgement
     * @param caughtUp whether the like API's consumer had applied everything before the wait ended
     * @param totalSeconds from the first line read until the consumer had caught up (or the wait ended)
     */
    public record Summary(long sent, long invalid, double sendSeconds, boolean caughtUp, double totalSeconds) {

        public double registeredPerSecond() {
            return totalSeconds == 0 ? 0 : sent / totalSeconds;
        }
    }

    private static final int SHOWN_INVALID_LINES = 10;

    private ImportPosts() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: import-posts FILE   (NDJSON, one POST_CREATED per line)");
            System.exit(64);
        }
        Summary summary = run(Path.of(args[0]), Settings.fromEnvironment(), System.err);
        System.out.printf(
                "imported %d posts (%d invalid lines skipped) in %.1f s: %.0f posts/s registered%s%n",
                summary.sent(),
                summary.invalid(),
                summary.totalSeconds(),
                summary.registeredPerSecond(),
                summary.caughtUp() ? "" : " (the like API had not caught up when the wait ended)");
        System.exit(!summary.caughtUp() ? 3 : summary.invalid() > 0 ? 2 : 0);
    }

    /** Imports the file; progress and bad lines go to {@code progress}. */
    public static Summary run(Path file, Settings settings, PrintStream progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long read = 0;
        long invalid = 0;
        Map<TopicPartition, Long> endBefore;
        try (Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = producer(settings.bootstrapServers());
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            String line;
            long lineNumber = 0;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                byte[] json = line.getBytes(StandardCharsets.UTF_8);
                PostEvent event = null;
                String problem;
                try {
                    event = PostEventJson.fromBytes(json);
                    problem = event.type() == PostEventType.POST_CREATED ? null : "not a POST_CREATED";
                } catch (LikeEventJson.MalformedEventException e) {
                    problem = e.getMessage();
                }
                if (problem != null) {
                    if (++invalid <= SHOWN_INVALID_LINES) {
                        progress.printf("line %d skipped: %s%n", lineNumber, problem);
                    }
                    continue;
                }
                read++;
                producer.send(new ProducerRecord<>(settings.topic(), event.postId(), json), (metadata, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
                if (failure.get() != null) {
                    break;
                }
                if (System.nanoTime() - nextReport >= 0) {
                    nextReport += TimeUnit.SECONDS.toNanos(1);
                    progress.printf(
                            "sent %,d posts (%,.0f/s), %,d acknowledged, %,d invalid lines%n",
                            read, read / seconds(started), acknowledged.get(), invalid);
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IOException(
                        "the broker refused a post: " + failure.get().getMessage(), failure.get());
            }
            double sendSeconds = seconds(started);
            progress.printf(
                    "all %,d posts acknowledged in %.1f s (%,.0f/s); waiting for the like API to register them%n",
                    acknowledged.get(), sendSeconds, acknowledged.get() / sendSeconds);
            endBefore = endOffsets(admin, settings.topic());
            boolean caughtUp = awaitConsumer(admin, settings, endBefore, started, acknowledged.get(), progress);
            return new Summary(acknowledged.get(), invalid, sendSeconds, caughtUp, seconds(started));
        } catch (ExecutionException e) {
            throw new IOException(
                    "could not read the topic's offsets: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        // The suite's guarantee: a post acknowledged is on every in-sync replica, once.
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        // Large, compressed batches: a backfill is throughput, not latency.
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.BUFFER_MEMORY_CONFIG,
                        64L * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        var description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long> result = new HashMap<>();
        ends.forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }

    /** Waits until the group's committed offsets reach the ends the import left; reports progress each second. */
    private static boolean awaitConsumer(
            Admin admin,
            Settings settings,
            Map<TopicPartition, Long> ends,
            long started,
            long imported,
            PrintStream progress)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + settings.waitForConsumer().toNanos();
        long lastReport = 0;
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.consumerGroup())
                    .partitionsToOffsetAndMetadata()
                    .get();
            long behind = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                behind += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
            }
            if (behind == 0) {
                progress.printf("the like API has applied every post (%.1f s since the start)%n", seconds(started));
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                progress.printf("gave up waiting: the like API is %,d records behind%n", behind);
                return false;
            }
            if (System.nanoTime() - lastReport >= TimeUnit.SECONDS.toNanos(1)) {
                lastReport = System.nanoTime();
                progress.printf(
                        "the like API is %,d records behind (%,d imported, %.1f s since the start)%n",
                        behind, imported, seconds(started));
            }
            Thread.sleep(100);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
