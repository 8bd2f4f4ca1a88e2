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
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka, lane by lane, in each lane's creation order, and deletes them once the broker has
 * them.
 *
 * <p>Each lane is published by one relay at a time across instances: a batch transaction starts with {@code
 * pg_try_advisory_xact_lock} on its lane, so another instance's thread skips the lane instead of interleaving and
 * breaking per-post order, and takes it over as soon as its holder commits or dies. A row is deleted only after the
 * broker acknowledged it (acks=all, idempotent producer), in the batch's transaction; a row whose send failed stays
 * and goes out on a later attempt, so while Kafka is down likes are still accepted and wait here.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Rows moved per transaction when rows of lanes that no longer exist are moved to their lanes at start. */
    private static final int RELOCATION_CHUNK = 10_000;

    private final OutboxRepository repository;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final OutboxLanes lanes;
    private final OutboxVacuum vacuum;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Counter published;
    /** 1 where a lane may have rows this instance has not tried to publish yet. */
    private final AtomicIntegerArray dirty;

    private volatile List<LaneWorker> workers = List.of();
    private List<Thread> threads = List.of();
    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(0);

    OutboxRelay(
            OutboxRepository repository,
            TransactionTemplate transaction,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            OutboxVacuum vacuum,
            Tracer tracer,
            Propagator propagator,
            MeterRegistry meters) {
        this.repository = repository;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.lanes = properties.outboxLanes();
        this.vacuum = vacuum;
        this.tracer = tracer;
        this.propagator = propagator;
        this.dirty = new AtomicIntegerArray(lanes.count());
        this.published = Counter.builder("likes.outbox.published")
                .description("Outbox rows the broker acknowledged")
                .register(meters);
    }

    /** Asks the relay to publish these lanes now. Cheap; called after every commit that wrote rows. */
    void wakeUp(BitSet written) {
        for (int lane = written.nextSetBit(0); lane >= 0; lane = written.nextSetBit(lane + 1)) {
            dirty.set(lane, 1);
            List<LaneWorker> current = workers;
            if (!current.isEmpty()) {
                current.get(lane % current.size()).wakeUp();
            }
        }
    }

    /**
     * Publishes one batch of a lane, if no other relay is publishing it.
     *
     * @return how many rows were published and how many are still pending after a failure
     */
    BatchOutcome publishBatch(int lane) {
        BatchOutcome outcome = transaction.execute(status -> {
            if (!repository.tryLockLane(lane)) {
                return BatchOutcome.LANE_TAKEN;
            }
            List<OutboxRow> rows = repository.oldestInLane(lane, properties.batchSize());
            if (rows.isEmpty()) {
                return BatchOutcome.NOTHING;
            }
            int acknowledged = send(rows);
            if (acknowledged > 0) {
                long[] seqs = new long[acknowledged];
                for (int i = 0; i < acknowledged; i++) {
                    seqs[i] = rows.get(i).seq();
                }
                repository.deleteAll(lane, seqs);
            }
            // Commit even when some rows failed: the acknowledged ones must not be sent again.
            return new BatchOutcome(acknowledged, rows.size() - acknowledged);
        });
        if (outcome == null) {
            return BatchOutcome.NOTHING;
        }
        vacuum.published(outcome.published());
        return outcome;
    }

    /**
     * Sends the rows and returns how many the broker acknowledged, counting from the first and stopping at the first
     * failure.
     */
    private int send(List<OutboxRow> rows) {
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
        int acknowledged = 0;
        Throwable firstFailure = null;
        for (var future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (firstFailure == null) {
                    acknowledged++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                firstFailure = e;
            } catch (TimeoutException | ExecutionException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
            // Stop acknowledging at the first failure: a later row sent fine is re-sent with the failed one, which
            // consumers dedupe by eventId, rather than overtaking an earlier row of the same post.
        }
        if (firstFailure != null) {
            log.atWarn()
                    .addKeyValue("acknowledged", acknowledged)
                    .addKeyValue("pending", rows.size() - acknowledged)
                    .addKeyValue("cause", rootMessage(firstFailure))
                    .log("outbox relay could not publish; rows stay unsent and will be retried");
        }
        published.increment(acknowledged);
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

    /**
     * Moves rows of lanes that do not exist (written before lanes existed, or under another lane count) to their
     * posts' lanes, before any lane is published, so each post's older rows go out ahead of its newer ones.
     */
    private void relocateMisplacedRows() {
        int moved = 0;
        List<OutboxRepository.Misplaced> chunk;
        do {
            chunk = transaction.execute(status -> {
                var rows = repository.misplaced(lanes.count(), RELOCATION_CHUNK);
                if (!rows.isEmpty()) {
                    repository.moveAll(rows, lanes);
                }
                return rows;
            });
            moved += chunk == null ? 0 : chunk.size();
        } while (chunk != null && !chunk.isEmpty());
        if (moved > 0) {
            log.atInfo().addKeyValue("rows", moved).log("outbox rows moved to their lanes");
        }
    }

    /** One relay thread: publishes the lanes {@code lane % threads == index}, each while it finds rows. */
    private final class LaneWorker implements Runnable {

        private final int[] ownLanes;
        private final Semaphore wakeUps = new Semaphore(0);

        LaneWorker(int index, int threads) {
            ownLanes = IntStream.range(0, lanes.count())
                    .filter(lane -> lane % threads == index)
                    .toArray();
        }

        void wakeUp() {
            if (wakeUps.availablePermits() == 0) {
                wakeUps.release();
            }
        }

        @Override
        public void run() {
            Duration backoff = properties.pollInterval();
            long nextSweep = System.nanoTime();
            while (running) {
                boolean sweep = System.nanoTime() - nextSweep >= 0;
                if (sweep) {
                    nextSweep = System.nanoTime() + properties.pollInterval().toNanos();
                }
                boolean more = false;
                boolean failed = false;
                for (int lane : ownLanes) {
                    // Cleared before the read, so a commit that lands after the read marks the lane again.
                    if (dirty.getAndSet(lane, 0) == 0 && !sweep) {
                        continue;
                    }
                    try {
                        BatchOutcome outcome = publishBatch(lane);
                        if (outcome.failed() > 0 || outcome.laneTaken()) {
                            dirty.set(lane, 1);
                        } else if (outcome.published() == properties.batchSize()) {
                            dirty.set(lane, 1);
                            more = true;
                        }
                        failed = outcome.failed() > 0;
                    } catch (RuntimeException e) {
                        log.atWarn().addKeyValue("cause", rootMessage(e)).log("outbox relay batch failed; retrying");
                        dirty.set(lane, 1);
                        failed = true;
                    }
                    if (failed) {
                        break; // the broker or the database is in trouble: back off instead of trying every lane
                    }
                }
                if (failed) {
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
                    continue;
                }
                backoff = properties.pollInterval();
                if (!more) {
                    idle(Math.max(0, nextSweep - System.nanoTime()));
                }
            }
        }

        private void idle(long nanos) {
            try {
                wakeUps.tryAcquire(nanos, TimeUnit.NANOSECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Waits out a backoff; new commits do not cut it short, only stopping does. */
    private void pause(Duration backoff) {
        try {
            stopping.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
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
        relocateMisplacedRows();
        stopping = new CountDownLatch(1);
        running = true;
        int threads = Math.min(properties.relayThreads(), lanes.count());
        List<LaneWorker> newWorkers = new ArrayList<>(threads);
        List<Thread> newThreads = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            LaneWorker worker = new LaneWorker(i, threads);
            newWorkers.add(worker);
            newThreads.add(new Thread(worker, "outbox-relay-" + i));
        }
        workers = List.copyOf(newWorkers);
        this.threads = newThreads;
        newThreads.forEach(Thread::start);
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        workers.forEach(LaneWorker::wakeUp);
        long deadline =
                System.nanoTime() + properties.sendTimeout().plusSeconds(5).toNanos();
        for (Thread thread : threads) {
            try {
                // Let the batch in flight finish and delete its rows, so a restart does not re-send them.
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
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
    record BatchOutcome(int published, int failed, boolean laneTaken) {
        static final BatchOutcome NOTHING = new BatchOutcome(0, 0, false);
        /** Another relay holds the lane and publishes its rows. */
        static final BatchOutcome LANE_TAKEN = new BatchOutcome(0, 0, true);

        BatchOutcome(int published, int failed) {
            this(published, failed, false);
        }
    }
}
