package dev.likes.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full {@code @SpringBootTest} on a random port against real PostgreSQL, Redis and Kafka, provided by
 * {@link LikesInfrastructure}, with tracing and metrics on as in production. Add {@code @TestPropertySource} for test-specific settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tracing and Prometheus as in production: trace ids and metrics are tested too
@ContextConfiguration(initializers = LikesInfrastructureInitializer.class)
public @interface LikesIntegrationTest {}
