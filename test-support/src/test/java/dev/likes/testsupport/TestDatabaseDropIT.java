package dev.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The per-JVM test database is dropped at exit only once the JVM's own users of it are done. Spring closes the test
 * contexts in a shutdown hook of its own, beside the one that drops the database; a context whose scheduled task still
 * queries while it closes must find the database there, or the task waits out Hikari's 30 s connection timeout and the
 * test JVM's exit with it (count-consumer-service's Failsafe fork did, in most full builds).
 */
class TestDatabaseDropIT {

    @Test
    void aConnectionStillInUseWhileTheJvmExitsFindsItsDatabaseWhichIsDroppedAfterwards() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ClosingLateJvm.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> lines;
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().filter(line -> line.startsWith("child: ")).collect(Collectors.toList());
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(lines).contains("child: the database was still there");
        String database = lines.stream()
                .filter(line -> line.startsWith("child: database "))
                .map(line -> line.substring("child: database ".length()))
                .findFirst()
                .orElseThrow();
        try (Connection admin = DriverManager.getConnection(
                        env("LIKES_TEST_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                        env("LIKES_TEST_DATABASE_USER", "postgres"),
                        env("LIKES_TEST_DATABASE_PASSWORD", ""));
                PreparedStatement exists =
                        admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1))
                        .as("the test database is dropped at exit")
                        .isZero();
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A test JVM in small: a connection held open, and a shutdown hook that still uses it a moment after exit. */
    static final class ClosingLateJvm {

        public static void main(String[] args) throws SQLException {
            LikesInfrastructure infrastructure = LikesInfrastructure.get();
            String url = infrastructure.jdbcUrl();
            System.out.println("child: database " + url.substring(url.lastIndexOf('/') + 1));
            Connection held = infrastructure.openConnection();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitTheDropWaiting();
                try (held;
                        Statement statement = held.createStatement()) {
                    statement.execute("SELECT 1");
                    System.out.println("child: the database was still there");
                } catch (SQLException e) {
                    System.out.println("child: the database was gone: " + e.getMessage());
                }
            }));
            System.exit(0);
        }

        /**
         * Until test-support's drop hook is waiting between its polls, as it does while this JVM still holds a
         * connection. A drop that does not wait is done and gone before that, and the query after finds no database.
         */
        private static void awaitTheDropWaiting() {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().startsWith("drop-likes_it_")
                                && thread.getState() == Thread.State.TIMED_WAITING));
            } catch (ConditionTimeoutException e) {
                // The query below tells.
            }
        }
    }
}
