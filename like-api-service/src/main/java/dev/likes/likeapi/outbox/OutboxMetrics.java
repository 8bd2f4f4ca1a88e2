package dev.likes.likeapi.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox backlog as gauges, refreshed on a schedule rather than per scrape so that many scrapers cost one query
 * every few seconds, through the primary key and bounded per lane. A growing backlog or an old oldest row means likes
 * are accepted but not reaching Kafka.
 */
@Component
class OutboxMetrics implements SchedulingConfigurer {

    /** Rows counted per lane at most: beyond that the age of the oldest row tells more than the number. */
    static final int PENDING_CAP_PER_LANE = 1_000;

    private final OutboxRepository repository;
    private final OutboxProperties properties;
    private final TransactionTemplate transaction;
    private final OutboxRelay relay;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    OutboxMetrics(
            OutboxRepository repository,
            OutboxProperties properties,
            TransactionTemplate transaction,
            OutboxRelay relay,
            MeterRegistry meters) {
        this.repository = repository;
        this.relay = relay;
        this.transaction = transaction;
        this.properties = properties;
        Gauge.builder("likes.outbox.pending", pending, AtomicLong::get)
                .description(
                        "Outbox rows not yet published to Kafka (counted up to " + PENDING_CAP_PER_LANE + " per lane)")
                .register(meters);
        Gauge.builder("likes.pipeline.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest like not yet processed at this hop")
                .tag("hop", "outbox")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::refresh, properties.metricsInterval());
    }

    void refresh() {
        var backlog = transaction.execute(status -> {
            repository.planForKeyAccess();
            return repository.backlog(relay.unpublishedAfter(), PENDING_CAP_PER_LANE);
        });
        pending.set(backlog.pending());
        oldestAgeMillis.set(Math.max(0, backlog.oldestAge(Instant.now()).toMillis()));
    }
}
