package dev.likes.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class KafkaHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    KafkaAutoConfiguration.class,
                    SharedAdminClientAutoConfiguration.class,
                    KafkaHealthAutoConfiguration.class));

    @Test
    void aServiceWithABrokerGetsTheKafkaContributor() {
        runner.run(context -> assertThat(context)
                .hasBean("kafkaHealthIndicator")
                .getBean("kafkaHealthIndicator")
                .isInstanceOf(KafkaHealthIndicator.class));
    }

    @Test
    void theServiceSharesOneAdminClient() {
        runner.run(context -> assertThat(context).hasSingleBean(SharedAdminClient.class));
    }

    @Test
    void itCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.kafka.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class));
    }

    @Test
    void withoutKafkaAdminThereIsNoContributor() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaHealthAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class));
    }

    @Test
    void anUnreachableBrokerIsDownWithinTheBoundedWait() {
        // Nothing listens on port 1: the admin client fails, and the indicator answers within its ~2.5 s bound.
        var admin = new KafkaAdmin(Map.of("bootstrap.servers", "127.0.0.1:1"));
        var client = new SharedAdminClient(admin);
        var indicator = new KafkaHealthIndicator(client);
        try {
            long started = System.nanoTime();

            var health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            client.destroy();
        }
    }
}
