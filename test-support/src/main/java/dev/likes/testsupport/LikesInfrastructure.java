package dev.likes.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real infrastructure of one test JVM, started once and shared by every test in it.
 *
 * <p>Where a Docker engine answers, PostgreSQL, Redis and Kafka run in Testcontainers. Otherwise (as on the CI machines,
 * which have no engine and cannot run an embedded PostgreSQL as root) the machine's own PostgreSQL and Redis are used
 * and Kafka runs as a real KRaft broker inside this JVM. Set {@code LIKES_TEST_INFRA=local} or {@code containers} to
 * force one.
 *
 * <p>Locally, each JVM gets a fresh database that is dropped when the JVM exits: Flyway histories never clash with a
 * developer's database or with an edited migration, and tests of different modules cannot see each other's rows.
 */
public final class LikesInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(LikesInfrastructure.class);

    /** Partitions of auto-created topics: more than one, so per-key ordering and rebalances are really exercised. */
    public static final int PARTITIONS = 4;

    private static final Duration CONNECTIONS_GONE_TIMEOUT = Duration.ofSeconds(15);

    private static volatile LikesInfrastructure instance;

    private final String jdbcUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String redisHost;
    private final int redisPort;
    private final String kafkaBootstrapServers;

    private LikesInfrastructure(
            String jdbcUrl,
            String databaseUser,
            String databasePassword,
            String redisHost,
            int redisPort,
            String kafkaBootstrapServers) {
        this.jdbcUrl = jdbcUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** The infrastructure of this JVM, started on first use. */
    public static LikesInfrastructure get() {
        LikesInfrastructure result = instance;
        if (result == null) {
            synchronized (LikesInfrastructure.class) {
                result = instance;
                if (result == null) {
                    result = start();
                    instance = result;
                }
            }
        }
        return result;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    public String redisHost() {
        return redisHost;
    }

    public int redisPort() {
        return redisPort;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** A new JDBC connection to the test database, for assertions on rows. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, databaseUser, databasePassword);
    }

    private static LikesInfrastructure start() {
        String mode = env("LIKES_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        boolean containers =
                switch (mode) {
                    case "containers" -> true;
                    case "local" -> false;
                    default -> dockerAnswers();
                };
        return containers ? startContainers() : startLocal();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static LikesInfrastructure startContainers() {
        log.info("Docker answers: integration tests use Testcontainers");
        var postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        var redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        var kafka =
                new KafkaContainer("apache/kafka:3.9.1").withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS));
        postgres.start();
        redis.start();
        kafka.start();
        return new LikesInfrastructure(
                postgres.getJdbcUrl(),
                postgres.getUsername(),
                postgres.getPassword(),
                redis.getHost(),
                redis.getMappedPort(6379),
                kafka.getBootstrapServers());
    }

    private static LikesInfrastructure startLocal() {
        log.info("No Docker engine: integration tests use the local PostgreSQL and Redis and an in-JVM KRaft broker");
        String adminUrl = env("LIKES_TEST_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("LIKES_TEST_DATABASE_USER", "postgres");
        String password = env("LIKES_TEST_DATABASE_PASSWORD", "");
        String database =
                "likes_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        createDatabase(adminUrl, user, password, database);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> dropDatabase(adminUrl, user, password, database), "drop-" + database));

        String jdbcUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        String redisHost = env("LIKES_TEST_REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("LIKES_TEST_REDIS_PORT", "6379"));
        String bootstrap = KafkaBrokers.startKraft(0).getBrokersAsString();
        return new LikesInfrastructure(jdbcUrl, user, password, redisHost, redisPort, bootstrap);
    }

    private static void createDatabase(String adminUrl, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create the test database on " + adminUrl
                            + ": is PostgreSQL running? (see LIKES_TEST_DATABASE_ADMIN_URL)",
                    e);
        }
    }

    /**
     * Runs in a shutdown hook, beside Spring's, which is still closing the test contexts: a database dropped under them
     * leaves a scheduled task waiting for a connection (Hikari's 30 s), and the context's close, and the test JVM's exit,
     * waiting for that task. So the drop waits until the contexts' pools have let go of the database; a pool that never
     * does is cut off after {@link #CONNECTIONS_GONE_TIMEOUT}.
     */
    private static void dropDatabase(String adminUrl, String user, String password, String database) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement();
                PreparedStatement connections =
                        c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            connections.setString(1, database);
            try {
                await().atMost(CONNECTIONS_GONE_TIMEOUT)
                        .pollInSameThread()
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> connectionsTo(connections) == 0);
            } catch (ConditionTimeoutException e) {
                // A pool that never lets go: the drop below cuts it off.
            }
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            // The JVM is exiting; a leftover database is untidy, not wrong.
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static long connectionsTo(PreparedStatement connections) throws SQLException {
        try (ResultSet rows = connections.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Starting extra KRaft brokers, e.g. one that comes up only after the service under test. */
    public static final class KafkaBrokers {

        private KafkaBrokers() {}

        /**
         * Starts a single-node KRaft broker on 127.0.0.1.
         *
         * @param port the port to listen on, or 0 for any free port
         */
        public static EmbeddedKafkaKraftBroker startKraft(int port) {
            var broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            broker.brokerProperties(Map.of(
                    // The KRaft test kit ignores kafkaPorts(); a listeners setting is kept, and fixes the port.
                    "listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0",
                    "num.partitions", String.valueOf(PARTITIONS),
                    "auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.num.partitions", "4"));
            broker.afterPropertiesSet();
            return broker;
        }
    }
}
