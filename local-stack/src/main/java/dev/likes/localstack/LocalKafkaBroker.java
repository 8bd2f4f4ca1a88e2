package dev.likes.localstack;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Runs a real single-node Kafka broker in KRaft mode in this JVM until it is stopped (SIGTERM or Ctrl-C).
 *
 * <p>Usage: {@code java -jar local-stack.jar [port]}; the port defaults to 9092. Data lives in a temporary directory
 * and is gone when the broker stops: this is for trying the suite, not for keeping likes.
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int partitions = Integer.parseInt(System.getenv().getOrDefault("LIKES_LOCAL_KAFKA_PARTITIONS", "12"));
        var broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of(
                // The KRaft test kit ignores kafkaPorts(); a listeners setting is kept, and fixes the port.
                "listeners",
                "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0",
                "num.partitions",
                String.valueOf(partitions),
                "auto.create.topics.enable",
                "true",
                "group.initial.rebalance.delay.ms",
                "0"));
        broker.afterPropertiesSet();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.destroy();
                            stopped.countDown();
                        },
                        "kafka-shutdown"));
        System.out.println("Kafka (KRaft) listening on " + broker.getBrokersAsString());
        stopped.await();
    }
}
