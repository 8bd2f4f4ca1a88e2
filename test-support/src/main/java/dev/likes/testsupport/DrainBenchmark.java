package dev.likes.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Measures how fast a consuming service drains a backlog: its input topic is filled first, then the service starts
 * and the clock runs until its consumer group has committed every offset. Off unless {@value #FLAG}{@code =true}, so
 * {@code ./mvnw verify} skips every benchmark; see the {@code *DrainBenchmarkIT} classes for the commands.
 *
 * <p>Settings (system properties): {@code likes.bench.events} events per run (200,000), {@code likes.bench.runs} runs
 * (3; the median is reported and checked) after one unmeasured warm-up run of {@code likes.bench.warmup-events}
 * (20,000), {@code likes.bench.floor} the slowest acceptable rate in events/s (5,000:
 * twice the 2,500 likes/s the API must sustain).
 */
public final class DrainBenchmark implements AutoCloseable {

    /** The one switch of every benchmark of the suite. */
    public static final String FLAG = "likes.bench";

    /** Partitions of a topic the benchmark creates: what the services create in production. */
    public static final int PARTITIONS = 12;

    private final String bootstrapServers;
    private final Admin admin;

    public DrainBenchmark() {
        this.bootstrapServers = LikesInfrastructure.get().kafkaBootstrapServers();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public static int events() {
        return Integer.getInteger("likes.bench.events", 200_000);
    }

    /** Events of the unmeasured warm-up run ({@code likes.bench.warmup-events}, 20,000; 0 skips it). */
    public static int warmUpEvents() {
        return Integer.getInteger("likes.bench.warmup-events", 20_000);
    }

    public static int runs() {
        return Integer.getInteger("likes.bench.runs", 3);
    }

    public static double floor() {
        return Double.parseDouble(System.getProperty("likes.bench.floor", "5000"));
    }

    /** Creates the topics with {@link #PARTITIONS} partitions unless they exist. */
    public void createTopics(String... topics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : topics) {
            wanted.add(new NewTopic(topic, PARTITIONS, (short) 1));
        }
        for (var result : admin.createTopics(wanted).values().values()) {
            try {
                result.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Publishes the records and waits until the broker acknowledged all of them. */
    public void fill(List<ProducerRecord<String, byte[]>> records) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // Not idempotent: the in-JVM KRaft broker once handed two fills the same producer id and
                        // rejected the second (OutOfOrderSequenceException). One request in flight keeps the order.
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark records not published", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the service's real application context on the test infrastructure with its listeners stopped, so the
     * start-up (Flyway, connection pools) is not timed; {@link #startListeners} then starts them.
     */
    public static ConfigurableApplicationContext startService(Class<?> application, String... properties) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--spring.kafka.listener.auto-startup=false");
        for (String property : properties) {
            args.add("--" + property);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .initializers(new LikesInfrastructureInitializer())
                .run(args.toArray(String[]::new));
        // The modules' test configuration turns per-event DEBUG lines on for the tests that read them; a benchmark
        // measures the service as deployed, where they are off (a line per event cost a third of a consumer's CPU).
        LoggingSystem logging = context.getBean(LoggingSystem.class);
        logging.getLoggerConfigurations().stream()
                .filter(logger -> logger.getName().startsWith("dev.likes") && logger.getConfiguredLevel() != null)
                .forEach(logger -> logging.setLogLevel(logger.getName(), null));
        return context;
    }

    /** Starts every listener container of the context. */
    public static void startListeners(ConfigurableApplicationContext context) {
        context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainers()
                .forEach(MessageListenerContainer::start);
    }

    /** The sum of the topics' end offsets: the total of records ever written to them. */
    public long endOffsets(Collection<String> topics) {
        return endOffsetsByPartition(topics).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /**
     * Calls {@code start}, which must start the service's listeners, and waits until {@code group} has committed the
     * end offset of every partition of {@code topics}.
     *
     * @return seconds from the call of {@code start} until the group had caught up
     */
    public double drain(String group, Collection<String> topics, Runnable start, Duration atMost) {
        return drain(Map.of(group, topics), start, atMost).get(group);
    }

    /**
     * As {@link #drain(String, Collection, Runnable, Duration)} for several groups draining at once, e.g. two listeners
     * of one service.
     *
     * @return per group, seconds from the call of {@code start} until it had caught up
     */
    public Map<String, Double> drain(
            Map<String, ? extends Collection<String>> topicsByGroup, Runnable start, Duration atMost) {
        Map<String, Map<TopicPartition, Long>> ends = new LinkedHashMap<>();
        topicsByGroup.forEach((group, topics) -> ends.put(group, endOffsetsByPartition(topics)));
        long records = 0;
        for (var entry : ends.entrySet()) {
            records += lag(entry.getKey(), entry.getValue());
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        start.run();
        long deadline = started + atMost.toNanos();
        while (seconds.size() < ends.size()) {
            for (var entry : ends.entrySet()) {
                if (!seconds.containsKey(entry.getKey()) && lag(entry.getKey(), entry.getValue()) == 0) {
                    seconds.put(entry.getKey(), (System.nanoTime() - started) / 1e9);
                }
            }
            if (seconds.size() < ends.size()) {
                if (System.nanoTime() > deadline) {
                    Map<String, Long> behind = new LinkedHashMap<>();
                    ends.forEach((group, end) -> behind.put(group, lag(group, end)));
                    throw new AssertionError("not caught up within " + atMost + "; records behind: " + behind);
                }
                sleep(Duration.ofMillis(50));
            }
        }
        // CPU is steadier than wall time while other builds share the cores: it counts this JVM's work (the service,
        // the in-JVM broker, this loop), not the time spent waiting for a core.
        System.out.printf(
                "DRAIN cpu: %.1f us of this JVM's CPU per record (service, broker and harness), %d records%n",
                (processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, records), records);
        return seconds;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Records the group has not committed yet on {@code topics}. */
    public long lag(String group, Collection<String> topics) {
        return lag(group, endOffsetsByPartition(topics));
    }

    private long lag(String group, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (var entry : end.entrySet()) {
            OffsetAndMetadata offset = committed.get(entry.getKey());
            lag += entry.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsetsByPartition(Collection<String> topics) {
        Set<TopicPartition> partitions = get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        var request = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The median of the rates. */
    public static double median(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Prints the result and appends it to {@code target/drain-benchmark.txt}, so a run leaves its figures behind.
     *
     * @return the median rate
     */
    public static double report(String service, int events, List<Double> rates) {
        double median = median(rates);
        String line = "DRAIN %s: %d events per run, median %.0f events/s, runs %s, floor %.0f%n"
                .formatted(
                        service, events, median, rates.stream().map(Math::round).toList(), floor());
        System.out.print(line);
        try {
            Files.writeString(
                    Path.of("target", "drain-benchmark.txt"),
                    line,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return median;
    }

    /**
     * Runs {@code run} once unmeasured with {@link #warmUpEvents()} events, then {@link #runs()} times with {@link
     * #events()}, and returns the rates it reports for those. The warm-up lets the JIT compile the service's hot paths
     * first (every run starts a new context in this JVM), as {@code bin/bench} warms the stack up.
     */
    public static List<Double> repeat(IntFunction<Double> run) {
        if (warmUpEvents() > 0) {
            System.out.printf("DRAIN warm-up: %.0f events/s%n", run.apply(warmUpEvents()));
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < runs(); i++) {
            double rate = run.apply(events());
            System.out.printf("DRAIN run %d: %.0f events/s%n", i + 1, rate);
            rates.add(rate);
        }
        return rates;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
