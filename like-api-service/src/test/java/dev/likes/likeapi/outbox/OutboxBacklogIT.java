package dev.likes.likeapi.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's cost per batch does not depend on the table's history: with cached plans made while the table was
 * small, no analyze and no autovacuum (as on a database whose autovacuum lags), a backlog of 200,000 rows drains by
 * ordered key reads only (the outbox is never scanned sequentially, and no batch reads its whole lane) and leaves no
 * published row behind.
 */
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "spring.flyway.schemas=like_api_backlog",
            "spring.flyway.default-schema=like_api_backlog",
            "spring.datasource.hikari.schema=like_api_backlog",
            // The backlog gauges refresh often, so their queries are held to the same rule as the relay's.
            "likes.outbox.metrics-interval=500ms"
        })
class OutboxBacklogIT {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklogIT.class);
    private static final int BACKLOG = 200_000;
    private static final int CHUNK = 10_000;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    /** Holds every lane's relay lock on a connection of its own, as another relay would, until closed. */
    static final class LanesTaken implements AutoCloseable {

        private final Connection connection;

        LanesTaken(DataSource dataSource) throws SQLException {
            connection = dataSource.getConnection();
            try (var lock = connection.prepareStatement(
                    "SELECT pg_advisory_lock(?, lane) FROM generate_series(0, 15) AS lane")) {
                lock.setInt(1, OutboxRepository.LANE_LOCK_SPACE);
                lock.execute();
            }
        }

        @Override
        public void close() throws SQLException {
            try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void aBacklogDrainsWithoutScanningTheTableAndLeavesNoPublishedRowBehind() throws SQLException {
        // First batches on a nearly empty table: the driver's prepared statements get their cached generic plans now.
        for (int i = 0; i < 30; i++) {
            append(1, "warm-" + i);
            double target = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> published() >= target);
        }

        // The backlog builds up while every lane is taken (as by a relay that cannot reach the broker), in
        // transactions of 10,000 rows, and is then drained with nothing else writing.
        try (var lanesTaken = new LanesTaken(dataSource)) {
            for (int filled = 0; filled < BACKLOG; filled += CHUNK) {
                append(CHUNK, "backlog-" + filled);
            }
        }
        long seqScansBefore = outboxSeqScans();
        long start = System.nanoTime();
        double expected = 30 + BACKLOG;
        await().atMost(Duration.ofMinutes(5)).until(() -> published() >= expected);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.info(
                "outbox backlog of {} rows drained in {} s: {} rows/s",
                BACKLOG,
                String.format("%.1f", seconds),
                Math.round(BACKLOG / seconds));

        // Statistics reach the shared counters within a second of a backend's transaction; wait that out.
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(outboxSeqScans())
                .as("sequential scans of the outbox while the backlog drained")
                .isEqualTo(seqScansBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single())
                .as("rows left in the outbox after every row was published")
                .isZero();
    }

    private void append(int rows, String postPrefix) {
        List<Outbox.Entry> entries = new ArrayList<>(rows);
        Instant now = Instant.now();
        for (int i = 0; i < rows; i++) {
            String postId = postPrefix + "-" + (i % 500);
            entries.add(
                    new Outbox.Entry(LikeEvent.of(LikeEventType.LIKED, postId, "owner", "user-" + i, now, null), null));
        }
        transaction.executeWithoutResult(status -> outbox.appendAll(entries));
    }

    private double published() {
        return meters.get("likes.outbox.published").counter().count();
    }

    /** Over the outbox's partitions, which hold its rows. */
    private long outboxSeqScans() {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_user_tables
                        WHERE schemaname = 'like_api_backlog' AND relname LIKE 'outbox%'
                        """)
                .query(Long.class)
                .single();
    }
}
