package dev.likes.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

class HousekeepingTest {

    @Test
    void runsOnTheConfiguredRetentionInterval() {
        var housekeeping = new Housekeeping(null, new RetentionProperties(Duration.ofDays(8), Duration.ofSeconds(42)));
        var tasks = new ScheduledTaskRegistrar();

        housekeeping.configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(42));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(42));
        });
    }
}
