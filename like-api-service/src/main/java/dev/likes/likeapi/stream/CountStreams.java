package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import dev.likes.likeapi.count.LikeCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every open count stream of this instance, fed by the one Redis subscription of the instance (see {@link
 * CountUpdateSubscription}): an update becomes its post's latest event, shared by the streams following the post
 * ({@link PostFollowers}), and each of them sends it at the next flush tick, coalesced with any before it. No stream
 * holds a thread: a scheduler ticks every {@code flush-interval} and a small pool writes the streams that have something
 * to send.
 */
@Component
class CountStreams implements MessageListener, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CountStreams.class);

    private final CountStreamProperties properties;
    private final LikeCounts counts;
    private final Set<CountStream> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, PostFollowers> followers = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicLong lastKeepAlive = new AtomicLong(System.nanoTime());
    private final ScheduledExecutorService ticker;
    private final ExecutorService senders;
    private final Counter rejected;
    private volatile boolean running = true;

    CountStreams(CountStreamProperties properties, LikeCounts counts, MeterRegistry meters) {
        this.properties = properties;
        this.counts = counts;
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("count-stream-tick", new AtomicInteger()));
        this.senders = Executors.newFixedThreadPool(
                properties.senderThreads(), named("count-stream-send-", new AtomicInteger()));
        Gauge.builder("likes.stream.open", open, Set::size)
                .description("Open live count streams")
                .register(meters);
        this.rejected = Counter.builder("likes.stream.rejected")
                .description("Streams refused because the instance was full")
                .register(meters);
        long tick = properties.flushInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream of the posts' counts, starting with their current counts. */
    SseEmitter open(List<String> postIds) {
        if (!running) {
            // Shutting down: a stream opened now would hold the graceful shutdown up, as those stop() ended did. The
            // same 503 as a full instance sends the browser to another one.
            throw new TooManyStreams();
        }
        if (reserved.incrementAndGet() > properties.maxStreams()) {
            reserved.decrementAndGet();
            rejected.increment();
            throw new TooManyStreams();
        }
        var emitter = new SseEmitter(properties.timeout().toMillis());
        var stream = new CountStream(emitter, postIds);
        // The container calls these on a client gone, on the timeout and on errors: each releases the stream.
        emitter.onCompletion(() -> release(stream));
        emitter.onTimeout(() -> release(stream));
        emitter.onError(e -> release(stream));
        open.add(stream);
        List<String> posts = stream.postIds();
        for (int i = 0; i < posts.size(); i++) {
            // Joined under the map's lock for the post: a release that empties the post's followers removes them in
            // the same lock, so a stream never joins followers that are already gone (and would get no update).
            PostFollowers post = followers.compute(posts.get(i), (id, existing) -> {
                var joined = existing != null ? existing : new PostFollowers();
                joined.streams().add(stream);
                return joined;
            });
            stream.follow(i, post);
        }
        try {
            // After following: an update published meanwhile is newer than the stream's version and wins over this
            // read, or is older than it and superseded by it.
            for (int i = 0; i < posts.size(); i++) {
                stream.offerInitial(i, counts.countOf(posts.get(i)));
            }
        } catch (RuntimeException e) {
            release(stream); // the emitter is never handed out, so nothing else would free its place
            throw e;
        }
        send(stream);
        log.atDebug().addKeyValue("posts", postIds.size()).log("count stream opened");
        return emitter;
    }

    int openStreams() {
        return open.size();
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        CountUpdate update;
        try {
            update = CountUpdate.fromJson(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            log.atWarn().addKeyValue("cause", e.getMessage()).log("unreadable count update ignored");
            return;
        }
        PostFollowers post = followers.get(update.postId());
        if (post != null) {
            post.update(new PostFollowers.CountEvent(versions.incrementAndGet(), CountStream.eventOf(update)));
        }
    }

    private void tick() {
        try {
            boolean keepAliveDue = System.nanoTime() - lastKeepAlive.get()
                    >= properties.keepAlive().toNanos();
            if (keepAliveDue) {
                lastKeepAlive.set(System.nanoTime());
            }
            for (CountStream stream : open) {
                if (stream.hasNews()) {
                    send(stream);
                } else if (keepAliveDue) {
                    execute(() -> {
                        if (!stream.keepAlive()) {
                            release(stream);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: every stream would freeze.
            log.atWarn().addKeyValue("cause", e.toString()).log("count stream tick failed");
        }
    }

    private void send(CountStream stream) {
        if (!stream.claimSend()) {
            return;
        }
        execute(() -> {
            stream.sendStarted();
            if (!stream.flush(properties.reconnectDelay().toMillis())) {
                release(stream);
            }
        });
    }

    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            // Shutting down: the streams are being completed anyway.
        }
    }

    private void release(CountStream stream) {
        if (!open.remove(stream)) {
            return;
        }
        reserved.decrementAndGet();
        for (String postId : stream.postIds()) {
            followers.computeIfPresent(postId, (id, post) -> {
                post.streams().remove(stream);
                return post.streams().isEmpty() ? null : post;
            });
        }
        stream.close();
        log.atDebug().log("count stream closed");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Ends every open stream at the start of a shutdown, in the default phase, which stops before the web server's
     * graceful shutdown: that waits for every open request, and a stream ends on its own only at its timeout (minutes),
     * so an instance with a browser on it waited out the whole shutdown phase. Completing each stream also tells its
     * browser to reconnect, to another instance, at once.
     */
    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        List.copyOf(open).forEach(this::release);
        senders.shutdown();
    }

    /** A context that failed while starting is destroyed without being stopped: its threads end here then. */
    @Override
    public void destroy() {
        stop();
    }

    private static ThreadFactory named(String prefix, AtomicInteger sequence) {
        return runnable -> {
            var thread = new Thread(runnable, prefix + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
