package dev.likes.counts.reconciliation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs reconciliation on its interval when enabled. */
@Configuration
@EnableScheduling
class ReconciliationSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final Reconciliation reconciliation;
    private final ReconciliationProperties properties;

    ReconciliationSchedule(Reconciliation reconciliation, ReconciliationProperties properties) {
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.enabled()) {
            tasks.addFixedDelayTask(this::runQuietly, properties.interval());
        }
    }

    private void runQuietly() {
        try {
            reconciliation.run();
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("reconciliation run failed; trying again next interval");
        }
    }
}
