package dev.likes.likeapi.outbox;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in creation order and marks them sent.
 *
 * <p>One relay is active at a time across instances: each batch transaction starts with {@code
 * pg_try_advisory_xact_lock}, so a second instance stands by instead of interleaving and breaking per-post order.
 * A row is marked sent only after the broker acknowledged it (acks=all, idempotent producer); a row whose send failed
 * stays unsent and goes out on a later attempt, so while Kafka is down likes are still accepted and wait here.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key of the relay: "OUTBOXRL" in ASCII. */
    private static final long RELAY_LOCK = 0x4F5554424F58524CL;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Counter published;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            Tracer tracer,
            Propagator propagator,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.tracer = tracer;
        this.propagator = propagator;
        this.published = Counter.builder("likes.outbox.published")
                .description("Outbox rows the broker acknowledged")
                .register(meters);
    }

    /** Asks the relay to look for rows now. Cheap; called after every commit that wrote a row. */
    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Publishes one batch.
     *
     * @return how many rows were published and how many are still pending after a failure
     */
    BatchOutcome publishBatch() {
        BatchOutcome outcome = transaction.execute(status -> {
            Boolean leader = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                    .param(RELAY_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(leader)) {
                return BatchOutcome.NOTHING;
            }
            List<OutboxRow> rows = jdbc.sql(
                            """
                            SELECT id, aggregate_id, event_type, topic, payload::text AS payload, trace_parent
                            FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED
                            """)
                    .param(properties.batchSize())
                    // Mapped by hand: the record mapper looks up each camelCase name first and the driver answers
                    // every miss with an exception, four per row.
                    .query((rs, rowNum) -> new OutboxRow(
                            rs.getObject("id", UUID.class),
                            rs.getString("aggregate_id"),
                            rs.getString("event_type"),
                            rs.getString("topic"),
                            rs.getString("payload"),
                            rs.getString("trace_parent")))
                    .list();
            if (rows.isEmpty()) {
                return BatchOutcome.NOTHING;
            }
            List<UUID> sent = send(rows);
            if (!sent.isEmpty()) {
                jdbc.sql("UPDATE outbox SET sent_at = now() WHERE id = ANY (?::uuid[])")
                        .param(sent.stream().map(UUID::toString).toArray(String[]::new))
                        .update();
            }
            // Commit even when some rows failed: the acknowledged ones must not be sent again.
            return new BatchOutcome(sent.size(), rows.size() - sent.size());
        });
        return outcome == null ? BatchOutcome.NOTHING : outcome;
    }

    /** Sends the rows and returns the ids the broker acknowledged, in order, stopping at the first failure. */
    private List<UUID> send(List<OutboxRow> rows) {
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            try {
                futures.add(sendInTraceOf(row));
            } catch (RuntimeException e) {
                // The producer refused at once (no metadata within max.block.ms): the broker is unreachable.
                futures.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        Throwable firstFailure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (firstFailure == null) {
                    acknowledged.add(rows.get(i).id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                firstFailure = e;
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
            // Stop acknowledging at the first failure: a later row sent fine is re-sent with the failed one, which
            // consumers dedupe by eventId, rather than overtaking an earlier row of the same post.
        }
        if (firstFailure != null) {
            log.atWarn()
                    .addKeyValue("acknowledged", acknowledged.size())
                    .addKeyValue("pending", rows.size() - acknowledged.size())
                    .addKeyValue("cause", rootMessage(firstFailure))
                    .log("outbox relay could not publish; rows stay unsent and will be retried");
        }
        published.increment(acknowledged.size());
        return acknowledged;
    }

    /**
     * Sends the row as a continuation of the request that wrote it: the Kafka send observation then carries the
     * request's trace id in its {@code traceparent} header to every consumer.
     */
    private CompletableFuture<SendResult<String, byte[]>> sendInTraceOf(OutboxRow row) {
        if (row.traceParent() == null) {
            return kafka.send(toRecord(row));
        }
        Span span = propagator
                .extract(Map.of("traceparent", row.traceParent()), Map::get)
                .name("outbox publish")
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return kafka.send(toRecord(row));
        } finally {
            span.end();
        }
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        var record = new ProducerRecord<>(
                row.topic(), null, row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(new RecordHeader(EventHeaders.EVENT_ID, bytes(row.id().toString())))
                .add(new RecordHeader(EventHeaders.EVENT_TYPE, bytes(row.eventType())))
                .add(new RecordHeader(
                        EventHeaders.SCHEMA_VERSION, bytes(String.valueOf(LikeEvent.CURRENT_SCHEMA_VERSION))));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void run() {
        Duration backoff = properties.pollInterval();
        while (running) {
            try {
                BatchOutcome outcome = publishBatch();
                if (outcome.failed() > 0) {
                    idle(backoff);
                    backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
                } else {
                    backoff = properties.pollInterval();
                    if (outcome.published() < properties.batchSize()) {
                        idle(properties.pollInterval());
                    }
                }
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("cause", rootMessage(e)).log("outbox relay batch failed; retrying");
                idle(backoff);
                backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
            }
        }
    }

    private void idle(Duration timeout) {
        try {
            wakeUps.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                // Let the batch in flight finish and mark its rows, so a restart does not re-send them.
                worker.join(properties.sendTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the web server (phase DEFAULT_PHASE - 2048) has drained its requests, so their rows go out now.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** What one batch did: rows published, and rows left unsent because the broker did not acknowledge them. */
    record BatchOutcome(int published, int failed) {
        static final BatchOutcome NOTHING = new BatchOutcome(0, 0);
    }
}
