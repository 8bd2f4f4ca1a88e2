package dev.likes.likeapi.like;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.kit.security.Subjects;
import dev.likes.likeapi.like.LikeRepository.Key;
import dev.likes.likeapi.outbox.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: concurrent likes are written together, in one transaction per batch, with one statement per kind of
 * change. A transaction per like would make PostgreSQL's commit (a WAL flush) the ceiling of the whole suite; a
 * batch pays it once for hundreds of likes. At low load a batch is a single like and nothing waits for company: a
 * writer takes whatever is queued the moment it is free.
 *
 * <p>Every like still gets exactly the guarantees of its own transaction: its row and, only if the row really changed,
 * its outbox row commit together or not at all, and the request answers only after the commit. The same user and post
 * twice in one batch are applied in arrival order, in successive rounds. A like the database refuses fails alone: the
 * batch is split until it is found, and the others commit.
 */
@Component
class LikeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LikeWriter.class);
    private static final int DEADLOCK_RETRIES = 3;

    enum Op {
        LIKE,
        UNLIKE,
        TOGGLE
    }

    /** A like to write, and where its outcome goes. */
    record Command(
            Op op, Key key, String ownerId, String traceId, String traceParent, CompletableFuture<Outcome> done) {
        Command(Op op, String postId, String userId, String ownerId, String traceId, String traceParent) {
            this(op, new Key(postId, userId), ownerId, traceId, traceParent, new CompletableFuture<>());
        }
    }

    /** What a command did: whether the user likes the post now, whether this changed it, and the event if so. */
    record Outcome(boolean liked, boolean changed, LikeEvent event) {}

    private final LikeRepository likes;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final LikeWriterProperties properties;
    private final BlockingQueue<Command> queue;
    private final List<Thread> writers = new ArrayList<>();

    private volatile boolean running;

    LikeWriter(LikeRepository likes, Outbox outbox, TransactionTemplate transaction, LikeWriterProperties properties) {
        this.likes = likes;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    }

    /** Queues the command; its future completes after the batch holding it committed, or fails. */
    CompletableFuture<Outcome> submit(Command command) {
        if (!Subjects.isUsable(command.key().userId())) {
            // Refused here, before it can share a batch with other users' likes.
            command.done().completeExceptionally(new LikeRefused("The signed-in user id cannot be stored"));
        } else if (!running) {
            command.done().completeExceptionally(new LikesUnavailable("The service is shutting down; retry"));
        } else if (!queue.offer(command)) {
            command.done().completeExceptionally(new LikesUnavailable("Too many likes waiting; retry shortly"));
        }
        return command.done();
    }

    private void run() {
        List<Command> batch = new ArrayList<>(properties.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                Command first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("like batch failed unexpectedly");
                batch.forEach(c -> c.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Commits the batch; if the database refuses something in it, commits each half on its own, down to single likes,
     * so a like that cannot be stored fails alone instead of failing every other user's like in its batch. Only a
     * failure that blames the data is split: an unreachable database fails the batch once, not once per like.
     */
    private void write(List<Command> batch) {
        try {
            Map<Command, Outcome> outcomes = commit(batch);
            // Only now, after the commit, may a request learn its like is stored.
            outcomes.forEach((command, outcome) -> command.done().complete(outcome));
        } catch (RuntimeException e) {
            if (!blamesTheData(e)) {
                fail(batch, e);
            } else if (batch.size() == 1) {
                refuse(batch.get(0), e);
            } else {
                // Halves in order: a key's later commands in the second half still apply after its earlier ones.
                int half = batch.size() / 2;
                write(batch.subList(0, half));
                write(batch.subList(half, batch.size()));
            }
        }
    }

    private Map<Command, Outcome> commit(List<Command> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> apply(batch));
            } catch (PessimisticLockingFailureException e) {
                if (attempt == DEADLOCK_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** A constraint, a value too long, a trigger's refusal: not a lost connection, lock or timeout. */
    private static boolean blamesTheData(RuntimeException e) {
        return e instanceof NonTransientDataAccessException && !(e instanceof NonTransientDataAccessResourceException);
    }

    private void refuse(Command command, RuntimeException cause) {
        log.atWarn()
                .addKeyValue("postId", command.key().postId())
                .addKeyValue("cause", cause.getClass().getSimpleName())
                .log("like refused by the database; the rest of its batch is stored");
        command.done().completeExceptionally(new LikeRefused("This like cannot be stored; retrying will not help"));
    }

    private void fail(List<Command> batch, RuntimeException cause) {
        log.atWarn()
                .addKeyValue("likes", batch.size())
                .addKeyValue("cause", cause.getClass().getSimpleName())
                .log("like batch not stored; its requests answer 503");
        var unavailable = new LikesUnavailable("The like could not be stored now; nothing changed, retry");
        batch.forEach(c -> c.done().completeExceptionally(unavailable));
    }

    private Map<Command, Outcome> apply(List<Command> batch) {
        Map<Command, Outcome> outcomes = new HashMap<>(batch.size() * 2);
        List<Outbox.Entry> events = new ArrayList<>();
        for (List<Command> round : rounds(batch)) {
            applyRound(round, outcomes, events);
        }
        outbox.appendAll(events);
        return outcomes;
    }

    /** Splits the batch so that each round holds a key at most once, keeping each key's commands in arrival order. */
    static List<List<Command>> rounds(List<Command> batch) {
        List<List<Command>> rounds = new ArrayList<>(1);
        Map<Key, Integer> seen = new HashMap<>(batch.size() * 2);
        for (Command command : batch) {
            int round = seen.merge(command.key(), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(command);
        }
        return rounds;
    }

    private void applyRound(List<Command> round, Map<Command, Outcome> outcomes, List<Outbox.Entry> events) {
        List<Key> toDelete =
                round.stream().filter(c -> c.op() != Op.LIKE).map(Command::key).toList();
        Set<Key> deleted = likes.deleteAll(toDelete);
        List<Key> toInsert = round.stream()
                .filter(c -> c.op() == Op.LIKE || (c.op() == Op.TOGGLE && !deleted.contains(c.key())))
                .map(Command::key)
                .toList();
        Set<Key> inserted = likes.insertAll(toInsert);
        Instant now = Instant.now();
        for (Command command : round) {
            boolean wasDeleted = deleted.contains(command.key());
            boolean liked = command.op() == Op.LIKE || (command.op() == Op.TOGGLE && !wasDeleted);
            boolean changed = liked ? inserted.contains(command.key()) : wasDeleted;
            LikeEvent event = null;
            if (changed) {
                event = LikeEvent.of(
                        liked ? LikeEventType.LIKED : LikeEventType.UNLIKED,
                        command.key().postId(),
                        command.ownerId(),
                        command.key().userId(),
                        now,
                        command.traceId());
                events.add(new Outbox.Entry(event, command.traceParent()));
            }
            outcomes.put(command, new Outcome(liked, changed, event));
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.writers(); i++) {
            Thread writer = new Thread(this::run, "like-writer-" + i);
            writer.start();
            writers.add(writer);
        }
    }

    @Override
    public void stop() {
        // Writers finish what is queued: every like a request is waiting for is committed or answered.
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(properties.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the web server has drained its requests (DEFAULT_PHASE - 2048), before the outbox relay stops.
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }
}
