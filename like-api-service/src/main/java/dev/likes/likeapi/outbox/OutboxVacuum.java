package dev.likes.likeapi.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Vacuums the outbox after the relay has deleted many rows, or now and then while it deletes any.
 *
 * <p>Published rows are deleted at once, and a deleted row's index entry stays until a vacuum: every read of a lane
 * from its head steps over the entries of the rows published since. Vacuuming here keeps that number bounded by
 * {@code vacuum-after-rows} on a database whose autovacuum lags or is off, and returns the space to new rows instead
 * of growing the file. A failed vacuum (say, the user does not own the table) costs only those reads, and is logged.
 */
@Component
class OutboxVacuum implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxVacuum.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final OutboxRepository repository;
    private final OutboxProperties properties;
    private final AtomicLong deletedSinceVacuum = new AtomicLong();
    private volatile long lastVacuumNanos = System.nanoTime();

    OutboxVacuum(OutboxRepository repository, OutboxProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    void published(int rows) {
        if (rows > 0) {
            deletedSinceVacuum.addAndGet(rows);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::vacuumIfDue, CHECK_INTERVAL);
    }

    void vacuumIfDue() {
        long deleted = deletedSinceVacuum.get();
        boolean intervalPassed = System.nanoTime() - lastVacuumNanos
                >= properties.vacuumInterval().toNanos();
        if (deleted >= properties.vacuumAfterRows() || (deleted > 0 && intervalPassed)) {
            deletedSinceVacuum.addAndGet(-deleted);
            lastVacuumNanos = System.nanoTime();
            try {
                repository.vacuum();
            } catch (RuntimeException e) {
                log.atWarn()
                        .addKeyValue("cause", e.getMessage())
                        .log("outbox vacuum failed; reads of the lanes step over published rows until one runs");
            }
        }
    }
}
