package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

class SecurityObservationsAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityObservationsAutoConfiguration.class));

    @Test
    void securityObservationsTurnedOffByPropertyAreNotMadeAtAll() {
        contextRunner
                .withPropertyValues("management.observations.enable.spring.security=false")
                .run(context -> {
                    var settings = context.getBean(SecurityObservationSettings.class);
                    assertThat(settings.shouldObserveRequests()).isFalse();
                    assertThat(settings.shouldObserveAuthentications()).isFalse();
                    assertThat(settings.shouldObserveAuthorizations()).isFalse();
                });
    }

    @Test
    void securityObservationsLeftOnAreSpringSecuritysDefault() {
        contextRunner
                .withPropertyValues("management.observations.enable.spring.security=true")
                .run(context -> assertThat(context).doesNotHaveBean(SecurityObservationSettings.class));
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(SecurityObservationSettings.class));
    }
}
