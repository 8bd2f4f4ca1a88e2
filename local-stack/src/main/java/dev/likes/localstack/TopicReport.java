package dev.likes.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.LoggerFactory;

/**
 * How whole the cluster is: one line per topic (internal ones included) with its partitions, replicas, {@code
 * min.insync.replicas}, and how many partitions are under-replicated (a replica out of sync), under their minimum (no
 * {@code acks=all} write succeeds) or without a leader. Before a second node of a cluster is taken down, every count
 * should be 0: a node that came back is only a full copy again once it has caught up.
 *
 * <p>Usage: {@code java -jar local-stack.jar topics [bootstrap-servers=127.0.0.1:9092]}. Exit status 0 when every
 * partition has all its replicas in sync, 1 when one has not, 3 when the cluster does not answer.
 */
final class TopicReport {

    private static final long TIMEOUT_SECONDS = 10;

    private TopicReport() {}

    static int run(String bootstrapServers) {
        // A node that is down is what this report is for: one line for it, not a warning per reconnect.
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))) {
            var cluster = admin.describeCluster();
            List<Integer> brokers = new ArrayList<>();
            for (Node node : cluster.nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                brokers.add(node.id());
            }
            brokers.sort(null);
            Node controller = cluster.controller().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics =
                    new TreeMap<>(admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            var resources = names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

            System.out.printf(
                    "%-40s %-10s %-8s %-7s %-16s %-13s %s%n",
                    "TOPIC", "PARTITIONS", "REPLICAS", "MIN-ISR", "UNDER-REPLICATED", "UNDER-MIN-ISR", "OFFLINE");
            int notWhole = 0;
            for (var topic : topics.values()) {
                var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                var entry = config == null ? null : config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                int minInsync = entry == null ? 1 : Integer.parseInt(entry.value());
                int replicas = 0;
                int under = 0;
                int underMin = 0;
                int offline = 0;
                for (TopicPartitionInfo partition : topic.partitions()) {
                    replicas = Math.max(replicas, partition.replicas().size());
                    if (partition.isr().size() < partition.replicas().size()) {
                        under++;
                    }
                    if (partition.isr().size() < minInsync) {
                        underMin++;
                    }
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        offline++;
                    }
                }
                notWhole += under + offline;
                System.out.printf(
                        "%-40s %-10d %-8d %-7d %-16d %-13d %d%n",
                        topic.name(), topic.partitions().size(), replicas, minInsync, under, underMin, offline);
            }
            System.out.printf(
                    "brokers: %s; active controller: %s%n",
                    brokers, controller == null || controller.isEmpty() ? "none" : controller.id());
            return notWhole == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("the cluster at " + bootstrapServers + " does not answer: " + e);
            return 3;
        }
    }
}
