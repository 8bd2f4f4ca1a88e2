package dev.likes.localstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Runs a real Kafka server, Kafka's own {@code kafka.Kafka}, as a KRaft node that is both broker and controller, with
 * its log in a directory that outlives the process: a broker restart in the local stack loses no event, as in
 * production. The storage is formatted on the first start only.
 *
 * <p>Usage: {@code java -jar local-stack.jar [port=9092] [directory=.local-stack/kafka] [node-id ports cluster-id]}.
 * Alone, it is a cluster of one node. With a node id (1, 2, ...), the broker ports of every node in order (e.g. {@code
 * 9092,9094,9096}) and a cluster id shared by all, it is that node of a cluster in which every node is a voter of the
 * controller quorum. Each node's controller listens on its port + 1. {@code LIKES_LOCAL_KAFKA_PARTITIONS} (12) sets
 * the partitions of topics created on first use. {@code java -jar local-stack.jar topics [bootstrap-servers]} reports
 * how whole the cluster's replicas are instead ({@link TopicReport}).
 */
public final class LocalKafkaServer {

    private LocalKafkaServer() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("topics")) {
            System.exit(TopicReport.run(args.length > 1 ? args[1] : "127.0.0.1:9092"));
        }
        if (args.length != 0 && args.length != 1 && args.length != 2 && args.length != 5) {
            System.err.println("usage: local-stack [port [directory [node-id port,port,... cluster-id]]]");
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path home = Path.of(args.length > 1 ? args[1] : ".local-stack/kafka").toAbsolutePath();
        Node node = args.length == 5
                ? new Node(Integer.parseInt(args[2]), ports(args[3]), args[4])
                : new Node(1, List.of(port), Uuid.randomUuid().toString());
        if (node.ports().get(node.id() - 1) != port) {
            throw new IllegalArgumentException(
                    "node " + node.id() + " listens on " + port + ", but the cluster's ports say " + node.ports());
        }
        String partitions = System.getenv().getOrDefault("LIKES_LOCAL_KAFKA_PARTITIONS", "12");
        Path data = home.resolve("data");
        Files.createDirectories(data);

        Path config = home.resolve("server.properties");
        writeConfig(config, serverProperties(node, data, partitions));
        if (!Files.exists(data.resolve("meta.properties"))) {
            int status = StorageTool.execute(
                    new String[] {"format", "--config", config.toString(), "--cluster-id", node.clusterId()},
                    System.out);
            if (status != 0) {
                throw new IllegalStateException("could not format the Kafka storage in " + data);
            }
        }
        // Kafka's own main: starts the server, stops it cleanly on SIGTERM, and returns when it has stopped.
        Kafka.main(new String[] {config.toString()});
    }

    /**
     * One node of the cluster.
     *
     * @param id the node id, 1 to the number of nodes
     * @param ports every node's broker port, node 1's first
     * @param clusterId the id the storage is formatted with; the same for every node, or they do not form a cluster
     */
    record Node(int id, List<Integer> ports, String clusterId) {

        Node {
            if (id < 1 || id > ports.size()) {
                throw new IllegalArgumentException("node id " + id + " is not one of 1.." + ports.size());
            }
        }

        int port() {
            return ports.get(id - 1);
        }

        int clusterSize() {
            return ports.size();
        }

        /** Every node is a voter: a majority of them must be up for the cluster to change anything. */
        String voters() {
            var voters = new StringJoiner(",");
            for (int n = 1; n <= ports.size(); n++) {
                voters.add(n + "@127.0.0.1:" + (ports.get(n - 1) + 1));
            }
            return voters.toString();
        }
    }

    private static List<Integer> ports(String list) {
        var ports = new ArrayList<Integer>();
        for (String port : list.split(",")) {
            ports.add(Integer.parseInt(port.trim()));
        }
        return List.copyOf(ports);
    }

    static Map<String, String> serverProperties(Node node, Path data, String partitions) {
        int port = node.port();
        var properties = new LinkedHashMap<String, String>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(node.id()));
        properties.put("controller.quorum.voters", node.voters());
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", data.toString());
        properties.put("num.partitions", partitions);
        properties.put("auto.create.topics.enable", "true");
        // Up to three copies of everything, and writes need all but one of them in sync: with three nodes any one may
        // die without losing an acknowledged record (acks=all) or stopping the writes. The topics the services declare
        // say the same (likes.kafka.topic-*); these cover the internal topics (consumer offsets, producer state) and
        // anything created on first use. One node: one copy, as it cannot hold more.
        int replicas = Math.min(3, node.clusterSize());
        String minInsync = String.valueOf(Math.max(1, replicas - 1));
        properties.put("default.replication.factor", String.valueOf(replicas));
        properties.put("min.insync.replicas", minInsync);
        properties.put("offsets.topic.replication.factor", String.valueOf(replicas));
        properties.put("transaction.state.log.replication.factor", String.valueOf(replicas));
        properties.put("transaction.state.log.min.isr", minInsync);
        properties.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
        properties.put("share.coordinator.state.topic.min.isr", minInsync);
        // Kafka's default, written out: a replica that missed records never becomes leader, whatever else is down.
        properties.put("unclean.leader.election.enable", "false");
        // Kafka's default, written out. A node that died is fenced after this long, and only then do its partitions get
        // new leaders (and leave its ISRs); longer would stall a third of a cluster's partitions for as long. It is
        // also how long a node killed with SIGKILL and started again waits before it serves anyone: its controller
        // keeps the dead incarnation's registration until this session runs out (LocalKafkaServerRestartIT). Shorter
        // fences a busy but healthy node, which then has to catch up again.
        properties.put("broker.session.timeout.ms", "9000");
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
