package dev.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalKafkaServerTest {

    private static final Path DATA = Path.of("/tmp/kafka-test/data");

    @Test
    void oneNodeIsItsOwnQuorumWithOneCopyOfEverything() {
        var node = new LocalKafkaServer.Node(1, List.of(9092), "cluster");

        var properties = LocalKafkaServer.serverProperties(node, DATA, "12");

        assertThat(properties)
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("num.partitions", "12");
    }

    @Test
    void theSecondNodeOfThreeVotesWithAllAndKeepsThreeCopiesOfWhichTwoMustBeInSync() {
        var node = new LocalKafkaServer.Node(2, List.of(9092, 9094, 9096), "cluster");

        var properties = LocalKafkaServer.serverProperties(node, DATA, "12");

        assertThat(properties)
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9094")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }

    @Test
    void aNodeIdOutsideTheClusterIsRefused() {
        assertThatThrownBy(() -> new LocalKafkaServer.Node(4, List.of(9092, 9094, 9096), "cluster"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..3");
    }
}
