package dev.likes.notifications.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the dedupe tables bounded: one processed_events row per event would otherwise grow forever. Expired push
 * windows are dropped too; an expired window and a missing one mean the same to the claim.
 */
@Component
class Housekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final RetentionProperties retention;

    Housekeeping(JdbcClient jdbc, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    // The interval comes from RetentionProperties, the one source of truth, rather than a placeholder repeating its
    // default.
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::deleteExpired, retention.interval(), retention.interval()));
    }

    void deleteExpired() {
        int events = jdbc.sql(
                        "DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => :seconds)")
                .param("seconds", (double) retention.processedEvents().toSeconds())
                .update();
        int windows = jdbc.sql(
                        "DELETE FROM push_windows WHERE window_started_at < now() - make_interval(secs => :seconds)")
                .param("seconds", (double) retention.processedEvents().toSeconds())
                .update();
        if (events + windows > 0) {
            log.atInfo()
                    .addKeyValue("processedEvents", events)
                    .addKeyValue("pushWindows", windows)
                    .log("expired dedupe rows deleted");
        }
    }
}
