package dev.likes.kit.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A WARN line at start-up for each secret a service runs with that is still its local development default, the value
 * {@code docker-compose.yml} and {@code bin/local-stack} fall back to when nothing is set. Those values are public (they
 * are in the repository), so with them anyone can sign a token as any user, call the operator endpoints or log in to
 * the database. The service still starts, so {@code docker compose up} works on a laptop with no {@code .env}; the log
 * says what to set before it runs anywhere else. Every service gets this, whichever of the secrets it reads, and the
 * value itself is never logged.
 */
@AutoConfiguration
public class DevelopmentSecretsAutoConfiguration {

    /**
     * The secrets with a development default. {@code bin/check-ops} checks that {@code docker-compose.yml} and
     * {@code bin/local-stack} fall back to exactly these values, so a default changed there cannot slip past the
     * warning.
     */
    static final List<DevelopmentSecret> DEFAULTS = List.of(
            new DevelopmentSecret(
                    "likes.security.jwt-secret",
                    "LIKES_JWT_SECRET",
                    "local-dev-secret-change-me-0123456789abcdef",
                    "anyone can sign a token for any user"),
            new DevelopmentSecret(
                    "likes.ops.password",
                    "LIKES_OPERATOR_PASSWORD",
                    "local-operator",
                    "anyone who reaches the service can replay the DLQ and run reconciliation"),
            new DevelopmentSecret(
                    "spring.datasource.password",
                    "POSTGRES_PASSWORD",
                    "local-postgres",
                    "anyone who reaches PostgreSQL can read and change every table"));

    @Bean
    DevelopmentSecretsWarning developmentSecretsWarning(Environment environment) {
        return new DevelopmentSecretsWarning(environment);
    }

    /**
     * @param property the Spring property the service reads the secret from
     * @param variable what an operator sets: the compose and {@code bin/local-stack} variable
     * @param value the development default
     * @param risk what the public value lets anyone do
     */
    record DevelopmentSecret(String property, String variable, String value, String risk) {}

    static class DevelopmentSecretsWarning implements SmartInitializingSingleton {

        private static final Logger log = LoggerFactory.getLogger(DevelopmentSecretsAutoConfiguration.class);

        private final Environment environment;

        DevelopmentSecretsWarning(Environment environment) {
            this.environment = environment;
        }

        // After every singleton, not on ApplicationReadyEvent: a service that then fails to become ready has still
        // said which public secret it was given.
        @Override
        public void afterSingletonsInstantiated() {
            // Bound like @ConfigurationProperties binds it, so likes.security.jwtSecret or LIKES_SECURITY_JWTSECRET
            // cannot carry the development value past the check.
            var binder = Binder.get(environment);
            for (var secret : DEFAULTS) {
                if (binder.bind(secret.property(), String.class)
                        .map(secret.value()::equals)
                        .orElse(false)) {
                    log.atWarn()
                            .addKeyValue("variable", secret.variable())
                            .addKeyValue("property", secret.property())
                            .log(
                                    "{} is a local development default, public in the repository: {}; set {}"
                                            + " (.env.example) before this runs anywhere but your own machine",
                                    secret.variable(),
                                    secret.risk(),
                                    secret.variable());
                }
            }
        }
    }
}
