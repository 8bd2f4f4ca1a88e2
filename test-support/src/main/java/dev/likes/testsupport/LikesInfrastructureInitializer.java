package dev.likes.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at {@link LikesInfrastructure}: the datasource, Redis and the Kafka bootstrap servers. Its
 * properties take precedence over application.yml and the environment, so a test never talks to a developer's stack.
 * Also used by each service's {@code Test<Service>Application} to run the service by hand on test infrastructure.
 */
public class LikesInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LikesInfrastructure infrastructure = LikesInfrastructure.get();
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", infrastructure.jdbcUrl(),
                "spring.datasource.username", infrastructure.databaseUser(),
                "spring.datasource.password", infrastructure.databasePassword(),
                "spring.data.redis.host", infrastructure.redisHost(),
                "spring.data.redis.port", infrastructure.redisPort(),
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "likes.security.jwt-secret", JwtTokens.TEST_SECRET);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("likesTestInfrastructure", properties));
    }
}
