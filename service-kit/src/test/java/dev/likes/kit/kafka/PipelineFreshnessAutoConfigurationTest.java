package dev.likes.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PipelineFreshnessAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PipelineFreshnessAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void aServiceThatNamesItsHopGetsTheGaugeUnderThatHop() {
        runner.withPropertyValues("likes.pipeline.hop=feed").run(context -> {
            assertThat(context).hasSingleBean(PipelineFreshness.class);
            assertThat(context.getBean(MeterRegistry.class)
                            .get("likes.pipeline.oldest.age")
                            .tag("hop", "feed")
                            .gauge()
                            .value())
                    .isZero();
        });
    }

    @Test
    void aServiceThatNamesNoHopGetsNone() {
        runner.run(context -> assertThat(context).doesNotHaveBean(PipelineFreshness.class));
    }
}
