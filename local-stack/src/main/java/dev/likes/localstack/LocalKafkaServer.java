package dev.likes.localstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs a real Kafka server, Kafka's own {@code kafka.Kafka}, as one KRaft node that is both broker and controller,
 * with its log in a directory that outlives the process: a broker restart in the local stack loses no event, as in
 * production. The storage is formatted on the first start only.
 *
 * <p>Usage: {@code java -jar local-stack.jar [port=9092] [directory=.local-stack/kafka]}. The controller listens on
 * {@code port + 1}. {@code LIKES_LOCAL_KAFKA_PARTITIONS} (12) sets the partitions of topics created on first use.
 */
public final class LocalKafkaServer {

    private static final String NODE_ID = "1";

    private LocalKafkaServer() {}

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path home = Path.of(args.length > 1 ? args[1] : ".local-stack/kafka").toAbsolutePath();
        String partitions = System.getenv().getOrDefault("LIKES_LOCAL_KAFKA_PARTITIONS", "12");
        Path data = home.resolve("data");
        Files.createDirectories(data);

        Path config = home.resolve("server.properties");
        writeConfig(config, serverProperties(port, data, partitions));
        if (!Files.exists(data.resolve("meta.properties"))) {
            int status = StorageTool.execute(
                    new String[] {
                        "format",
                        "--config",
                        config.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString()
                    },
                    System.out);
            if (status != 0) {
                throw new IllegalStateException("could not format the Kafka storage in " + data);
            }
        }
        // Kafka's own main: starts the server, stops it cleanly on SIGTERM, and returns when it has stopped.
        Kafka.main(new String[] {config.toString()});
    }

    private static Map<String, String> serverProperties(int port, Path data, String partitions) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", NODE_ID);
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + (port + 1));
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", data.toString());
        properties.put("num.partitions", partitions);
        properties.put("auto.create.topics.enable", "true");
        // One node: the internal topics cannot have more replicas than that.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // The node is its own controller: fencing itself because a heartbeat was late (a machine busy starting six
        // JVMs) only makes every client wait for it to come back.
        properties.put("broker.session.timeout.ms", "30000");
        // Consumers of a freshly started stack get their partitions at once instead of after the default 3 s.
        properties.put("group.initial.rebalance.delay.ms", "0");
        return properties;
    }

    private static void writeConfig(Path config, Map<String, String> properties) throws IOException {
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            out.write("# Written by the local stack's Kafka launcher at every start; edits are overwritten.\n");
            for (var entry : properties.entrySet()) {
                out.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
    }
}
