package dev.likes.likeapi.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.likes.testsupport.LikesIntegrationTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A like's cost does not grow with the likes table. The suite's PostgreSQL may never analyze (autovacuum off or
 * lagging), so a plan cached while the table was empty would stay the plan forever: the writer's batch delete, planned
 * as a hash join over a sequential scan of an empty table, read every like ever stored for every batch once the table
 * had grown. Here the pool's connections run their first likes on an empty table, the table then grows by 100,000
 * rows, and from then on the likes together read fewer rows sequentially than one pass over the table would.
 */
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "spring.flyway.schemas=like_api_growth",
            "spring.flyway.default-schema=like_api_growth",
            "spring.datasource.hikari.schema=like_api_growth",
            "spring.datasource.hikari.data-source-properties.ApplicationName=" + LikesTableGrowthIT.POOL
        })
class LikesTableGrowthIT {

    static final String POOL = "likes-table-growth-it";
    private static final int GROWTH = 100_000;

    @Autowired
    LikeService likes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aLikeReadsNoMoreOfTheTableAfterItGrew() {
        jdbc.sql("TRUNCATE likes, outbox").update();
        // Connections opened now see the empty table; whatever they cache is planned for it.
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
        jdbc.sql("INSERT INTO posts (id, owner_id) VALUES ('growth', 'owner') ON CONFLICT DO NOTHING")
                .update();

        toggleConcurrently("early", 400); // enough executions per connection for any plan to be cached

        jdbc.sql(
                        """
                        INSERT INTO likes (post_id, user_id)
                        SELECT 'growth', 'grown-' || i FROM generate_series(1, ?) AS i
                        """)
                .param(GROWTH)
                .update();
        long readBefore = rowsReadSequentially();

        toggleConcurrently("late", 400);
        closePoolConnections(); // a backend reports its statistics when it ends

        // Scans of the early, nearly empty table may be reported late; they read a few hundred rows at most.
        assertThat(rowsReadSequentially() - readBefore)
                .as("rows of the grown likes table read sequentially by 400 later likes")
                .isLessThan(GROWTH);
        assertThat(jdbc.sql("SELECT count(*) FROM likes WHERE user_id LIKE 'late-%'")
                        .query(Long.class)
                        .single())
                .as("every late toggle stored (each user toggled once, so each liked)")
                .isEqualTo(400);
    }

    /** Toggles from many threads at once, so the writer's batches hold several likes and use several connections. */
    private void toggleConcurrently(String userPrefix, int users) {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<LikeResult>> results = new ArrayList<>(users);
            for (int i = 0; i < users; i++) {
                String user = userPrefix + "-" + i;
                results.add(CompletableFuture.supplyAsync(() -> likes.toggle("growth", user), clients));
            }
            results.forEach(result -> assertThat(result.join().liked()).isTrue());
        } finally {
            clients.shutdown();
        }
    }

    private long rowsReadSequentially() {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables
                        WHERE schemaname = 'like_api_growth' AND relname = 'likes'
                        """)
                .query(Long.class)
                .single();
    }

    // Only this JVM's database: another build on the machine running this test at the same time has backends of the
    // same name in pg_stat_activity (server-wide), which this pool can never close. Evicting again on every poll: a
    // connection the relay held at the first eviction is only marked, and Hikari closes a marked connection when it is
    // next borrowed or evicted while idle, which an idle relay may not do for a long time.
    private void closePoolConnections() {
        var startedBefore =
                jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single();
        var pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            pool.softEvictConnections();
            return jdbc.sql(
                                    """
                            SELECT count(*) FROM pg_stat_activity
                            WHERE application_name = ? AND backend_start < ?
                              AND datname = current_database()
                            """)
                            .params(POOL, startedBefore)
                            .query(Long.class)
                            .single()
                    == 0;
        });
    }
}
