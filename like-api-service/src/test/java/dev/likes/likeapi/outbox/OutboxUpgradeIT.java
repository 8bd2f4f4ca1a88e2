package dev.likes.likeapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import dev.likes.testsupport.KafkaTestConsumer;
import dev.likes.testsupport.LikesInfrastructure;
import dev.likes.testsupport.LikesIntegrationTest;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Upgrading from the outbox that marked rows sent: rows still unsent when V4 runs are moved to their posts' lanes
 * before the relay publishes anything, go out once and in their order, and the rows already sent are gone.
 */
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "spring.flyway.schemas=" + OutboxUpgradeIT.SCHEMA,
            "spring.flyway.default-schema=" + OutboxUpgradeIT.SCHEMA,
            "spring.datasource.hikari.schema=" + OutboxUpgradeIT.SCHEMA
        })
class OutboxUpgradeIT {

    static final String SCHEMA = "like_api_upgrade";
    static final String POST = "upgrade-" + UUID.randomUUID();
    static final List<UUID> UNSENT = new ArrayList<>();

    @Autowired
    JdbcClient jdbc;

    /** The schema as the previous release left it, with a sent row and five unsent ones of one post. */
    @BeforeAll
    static void previousRelease() throws SQLException {
        var infrastructure = LikesInfrastructure.get();
        Flyway.configure()
                .dataSource(infrastructure.jdbcUrl(), infrastructure.databaseUser(), infrastructure.databasePassword())
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .target("3")
                .load()
                .migrate();
        try (var connection = infrastructure.openConnection();
                var insert = connection.prepareStatement(
                        """
                        INSERT INTO %s.outbox (id, aggregate_id, event_type, topic, payload, sent_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)
                        """
                                .formatted(SCHEMA))) {
            for (int i = 0; i < 6; i++) {
                var event = LikeEvent.of(LikeEventType.LIKED, POST, "owner", "fan-" + i, Instant.now(), null);
                insert.setObject(1, event.eventId());
                insert.setString(2, POST);
                insert.setString(3, event.type().name());
                insert.setString(4, Topics.LIKE_EVENTS);
                insert.setString(5, LikeEventJson.toJson(event));
                insert.setObject(6, i == 0 ? Timestamp.from(Instant.now()) : null);
                insert.executeUpdate();
                if (i > 0) {
                    UNSENT.add(event.eventId());
                }
            }
        }
    }

    @Test
    void rowsUnsentAtTheUpgradeArePublishedOnceInTheirOrder() {
        try (var events = KafkaTestConsumer.of(Topics.LIKE_EVENTS)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.poll(r -> POST.equals(r.key())).size() >= UNSENT.size());
            // One more relay cycle, so a duplicate or the sent row would have arrived by now.
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            List<UUID> published = events.poll(r -> POST.equals(r.key())).stream()
                    .map(r -> LikeEventJson.fromBytes(r.value()).eventId())
                    .toList();
            assertThat(published).containsExactlyElementsOf(UNSENT);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single())
                .isZero();
    }
}
