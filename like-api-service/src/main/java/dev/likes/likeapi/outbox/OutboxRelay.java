package dev.likes.likeapi.outbox;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.kit.Causes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
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

    /** The W3C trace context header, which the consumers' observations read. */
    private static final String TRACEPARENT = "traceparent";

    /** Read a lane from its first row. */
    static final long LANE_HEAD = Long.MIN_VALUE;

    /**
     * How often a busy lane is read from its head rather than from after the last batch. Reading on from the last
     * batch steps over no dead entries of published rows; reading from the head picks up a row whose transaction took
     * its seq before the last batch's rows but committed after they were read.
     */
    private static final long HEAD_READ_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    /** Rows moved per transaction when rows of lanes that no longer exist are moved to their lanes at start. */
    private static final int RELOCATION_CHUNK = 10_000;

    private final OutboxRepository repository;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final OutboxLanes lanes;
    private final OutboxVacuum vacuum;
    private final Counter published;
    /** 1 where a lane may have rows this instance has not tried to publish yet. */
    private final AtomicIntegerArray dirty;
    /** Per lane, the highest seq this instance has published: every row at or below it has been read once. */
    private final AtomicLongArray publishedUpTo;

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
            MeterRegistry meters) {
        this.repository = repository;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.lanes = properties.outboxLanes();
        this.vacuum = vacuum;
        this.dirty = new AtomicIntegerArray(lanes.count());
        this.publishedUpTo = new AtomicLongArray(lanes.count());
        for (int lane = 0; lane < lanes.count(); lane++) {
            publishedUpTo.set(lane, LANE_HEAD);
        }
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
     * Per lane, where the rows this instance has not published start: a reader of the backlog that starts there does
     * not step over the index entries of published rows (dead until a vacuum, and not marked dead while any relay's
     * transaction is older than their delete). A row that took its seq earlier but committed later is missed until
     * the relay's next read of the lane from its head, at most a second later.
     */
    long[] unpublishedAfter() {
        long[] after = new long[lanes.count()];
        for (int lane = 0; lane < after.length; lane++) {
            after[lane] = publishedUpTo.get(lane);
        }
        return after;
    }

    /**
     * Publishes one batch of a lane, if no other relay is publishing it.
     *
     * @param afterSeq where to start reading the lane: {@link #LANE_HEAD}, or the last row this relay published in a
     *     full batch just before
     * @return how many rows were published and how many are still pending after a failure
     */
    BatchOutcome publishBatch(int lane, long afterSeq) {
        BatchOutcome outcome = transaction.execute(status -> {
            if (!repository.tryLockLane(lane)) {
                return BatchOutcome.LANE_TAKEN;
            }
            List<OutboxRow> rows = repository.oldestInLane(lane, afterSeq, properties.batchSize());
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
            long lastPublished = acknowledged > 0 ? rows.get(acknowledged - 1).seq() : afterSeq;
            return new BatchOutcome(acknowledged, rows.size() - acknowledged, false, lastPublished);
        });
        if (outcome == null) {
            return BatchOutcome.NOTHING;
        }
        vacuum.published(outcome.published());
        if (outcome.published() > 0) {
            publishedUpTo.accumulateAndGet(lane, outcome.lastPublishedSeq(), Math::max);
        }
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
                futures.add(kafka.send(toRecord(row)));
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
            // Stop acknowledging at the first failure: a later row sent fine stays and is re-sent after the failed one.
            // Its first copy has still overtaken the failed row, and consumers keep the first copy of an eventId, so
            // the one consumer to which a user's order matters (notifications) goes by occurredAt, not by arrival.
        }
        if (firstFailure != null) {
            log.atWarn()
                    .addKeyValue("acknowledged", acknowledged)
                    .addKeyValue("pending", rows.size() - acknowledged)
                    .addKeyValue("cause", Causes.rootMessage(firstFailure))
                    .log("outbox relay could not publish; rows stay unsent and will be retried");
        }
        published.increment(acknowledged);
        return acknowledged;
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        var record = new ProducerRecord<>(
                row.topic(), null, row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(new RecordHeader(EventHeaders.EVENT_ID, bytes(row.id().toString())))
                .add(new RecordHeader(EventHeaders.EVENT_TYPE, bytes(row.eventType())))
                .add(new RecordHeader(
                        EventHeaders.SCHEMA_VERSION, bytes(String.valueOf(LikeEvent.CURRENT_SCHEMA_VERSION))));
        if (row.traceParent() != null) {
            // The trace context the request's observation captured with the row, passed on as it is: each consumer's
            // observation continues the request's trace from this header. A producer span per row (and the send
            // observation's bookkeeping) cost the relay more CPU than publishing the row itself.
            record.headers().add(new RecordHeader(TRACEPARENT, bytes(row.traceParent())));
        }
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
                repository.planForKeyAccess();
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
        /** Per own lane (by position): where the next read starts, and when the lane was last read from its head. */
        private final long[] readAfter;

        private final long[] lastHeadRead;
        private final Semaphore wakeUps = new Semaphore(0);

        LaneWorker(int index, int threads) {
            ownLanes = IntStream.range(0, lanes.count())
                    .filter(lane -> lane % threads == index)
                    .toArray();
            readAfter = new long[ownLanes.length];
            lastHeadRead = new long[ownLanes.length];
            Arrays.fill(readAfter, LANE_HEAD);
        }

        /** Publishes a batch of the lane at {@code position}, and remembers where the next read starts. */
        private BatchOutcome publishNext(int position) {
            long now = System.nanoTime();
            if (now - lastHeadRead[position] >= HEAD_READ_INTERVAL_NANOS) {
                readAfter[position] = LANE_HEAD;
            }
            if (readAfter[position] == LANE_HEAD) {
                lastHeadRead[position] = now;
            }
            BatchOutcome outcome = publishBatch(ownLanes[position], readAfter[position]);
            boolean full = outcome.failed() == 0 && outcome.published() == properties.batchSize();
            // Read on from this batch only while the lane is busy; once it is caught up, start from the head again.
            readAfter[position] = full ? outcome.lastPublishedSeq() : LANE_HEAD;
            return outcome;
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
                for (int position = 0; position < ownLanes.length; position++) {
                    int lane = ownLanes[position];
                    // Cleared before the read, so a commit that lands after the read marks the lane again.
                    if (dirty.getAndSet(lane, 0) == 0 && !sweep) {
                        continue;
                    }
                    try {
                        BatchOutcome outcome = publishNext(position);
                        if (outcome.failed() > 0 || outcome.laneTaken()) {
                            dirty.set(lane, 1);
                        } else if (outcome.published() == properties.batchSize()) {
                            dirty.set(lane, 1);
                            more = true;
                        }
                        failed = outcome.failed() > 0;
                    } catch (RuntimeException e) {
                        log.atWarn()
                                .addKeyValue("cause", Causes.rootMessage(e))
                                .log("outbox relay batch failed; retrying");
                        readAfter[position] = LANE_HEAD;
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
    record BatchOutcome(int published, int failed, boolean laneTaken, long lastPublishedSeq) {
        static final BatchOutcome NOTHING = new BatchOutcome(0, 0, false, LANE_HEAD);
        /** Another relay holds the lane and publishes its rows. */
        static final BatchOutcome LANE_TAKEN = new BatchOutcome(0, 0, true, LANE_HEAD);
    }
}
