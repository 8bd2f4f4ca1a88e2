package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DevelopmentSecretsAutoConfigurationTest {

    private static final String DEV_JWT_SECRET = "local-dev-secret-change-me-0123456789abcdef";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DevelopmentSecretsAutoConfiguration.class));

    @Test
    void theDevelopmentJwtSecretIsAWarningAtStartUpThatNamesTheVariableButNotTheValue(CapturedOutput output) {
        contextRunner
                .withPropertyValues("likes.security.jwt-secret=" + DEV_JWT_SECRET)
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll().lines()).anySatisfy(line -> assertThat(line).contains("WARN", "LIKES_JWT_SECRET"));
        assertThat(output.getAll()).doesNotContain(DEV_JWT_SECRET);
    }

    @Test
    void anotherJwtSecretIsNoWarning(CapturedOutput output) {
        contextRunner
                .withPropertyValues("likes.security.jwt-secret=a-secret-of-this-deployment-0123456789abcdef")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll()).doesNotContain("LIKES_JWT_SECRET");
    }

    @Test
    void theSecretIsRecognisedInEveryFormSpringBindsIt(CapturedOutput output) {
        // LIKES_SECURITY_JWTSECRET reaches likes.security.jwt-secret as well as the application.yml placeholder does.
        contextRunner
                .withPropertyValues("likes.security.jwtSecret=" + DEV_JWT_SECRET)
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll().lines()).anySatisfy(line -> assertThat(line).contains("WARN", "LIKES_JWT_SECRET"));
    }

    @Test
    void theDevelopmentOperatorAndDatabasePasswordsAreWarningsToo(CapturedOutput output) {
        contextRunner
                .withPropertyValues("likes.ops.password=local-operator", "spring.datasource.password=local-postgres")
                .run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll().lines())
                .anySatisfy(line -> assertThat(line).contains("WARN", "LIKES_OPERATOR_PASSWORD"))
                .anySatisfy(line -> assertThat(line).contains("WARN", "POSTGRES_PASSWORD"));
        assertThat(output.getAll()).doesNotContain("LIKES_JWT_SECRET");
    }

    @Test
    void aServiceWithoutSecretsSaysNothing(CapturedOutput output) {
        contextRunner.run(context -> assertThat(context).hasNotFailed());

        assertThat(output.getAll()).doesNotContain("development default");
    }
}
