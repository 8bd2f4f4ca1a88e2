package dev.likes.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a Spring context at {@link LikesInfrastructure}: the datasource, Redis and the Kafka bootstrap servers. Its
 * properties take precedence over application.yml and the environment, so a test never talks to a developer's stack.
 * Also used by each service's {@code Test<Service>Application} to run the service by hand on test infrastructure.
 */
public class LikesInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final List<String> TEST_SOURCES =
            List.of(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

    private static final String RATE_LIMIT_KEY_PREFIX = "rate-limit-test-" + UUID.randomUUID();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LikesInfrastructure infrastructure = LikesInfrastructure.get();
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("spring.datasource.url", infrastructure.jdbcUrl()),
                Map.entry("spring.datasource.username", infrastructure.databaseUser()),
                Map.entry("spring.datasource.password", infrastructure.databasePassword()),
                // Several contexts live at once in a test JVM, and PostgreSQL allows 100 connections in all.
                Map.entry("spring.datasource.hikari.maximum-pool-size", 8),
                Map.entry("spring.datasource.hikari.minimum-idle", 1),
                Map.entry("spring.data.redis.host", infrastructure.redisHost()),
                Map.entry("spring.data.redis.port", infrastructure.redisPort()),
                Map.entry("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers()),
                Map.entry("likes.security.jwt-secret", JwtTokens.TEST_SECRET),
                // The services' fixed management ports (9080-9084) belong to a running stack; a test takes any free
                // one.
                Map.entry("management.server.port", 0),
                // Rate-limit buckets of this test JVM only: another build on the machine, or the last run, sharing the
                // Redis and the address 127.0.0.1 must not spend this run's budgets.
                Map.entry("likes.rate-limit.key-prefix", RATE_LIMIT_KEY_PREFIX));
        var sources = context.getEnvironment().getPropertySources();
        // A test's own @TestPropertySource or @DynamicPropertySource values win, e.g. a broker that is not up yet.
        Map<String, Object> effective = new LinkedHashMap<>(properties);
        for (String testSource : TEST_SOURCES) {
            var source = sources.get(testSource);
            if (source != null) {
                effective.keySet().removeIf(source::containsProperty);
            }
        }
        sources.addFirst(new MapPropertySource("likesTestInfrastructure", effective));
    }
}
