package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's stream: the posts it follows and, per post, the newest count not sent yet. Updates only overwrite
 * that slot, so however many arrive between two flushes, the browser gets one event per post with the latest count.
 */
final class CountStream {

    private final SseEmitter emitter;
    private final List<String> postIds;
    private final Map<String, Long> unsent = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean greeted;

    CountStream(SseEmitter emitter, List<String> postIds) {
        this.emitter = emitter;
        this.postIds = List.copyOf(postIds);
    }

    SseEmitter emitter() {
        return emitter;
    }

    List<String> postIds() {
        return postIds;
    }

    void offer(CountUpdate update) {
        unsent.put(update.postId(), update.count());
    }

    /** A count read at the start; an update that arrived meanwhile is newer and wins. */
    void offerInitial(String postId, long count) {
        unsent.putIfAbsent(postId, count);
    }

    /**
     * Claims the stream's one place in the senders' queue. A stream whose last send has not run yet needs no second
     * one: its updates keep coalescing in the unsent slots. Without this, a tick every 250 ms queued a send for every
     * stream with news whether or not the senders had caught up, and the queue (and the heap, and the delay) grew
     * without bound under load.
     *
     * @return true when the caller must queue a send, false when one is queued already
     */
    boolean claimSend() {
        return sendQueued.compareAndSet(false, true);
    }

    /** The queued send is running: updates from now on need a new one. */
    void sendStarted() {
        sendQueued.set(false);
    }

    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Sends what changed since the last flush, all of it in one write: a stream following twenty posts costs one
     * write and one flush per tick, not twenty. One flush at a time per stream: a client that reads slowly delays only
     * its own events, which keep coalescing meanwhile.
     *
     * @return false when the client is gone
     */
    boolean flush(long reconnectMillis) {
        if (!flushing.compareAndSet(false, true)) {
            return true;
        }
        try {
            // Parts of distinct events are distinct objects (identity equality), so the set keeps every one, in order.
            Set<ResponseBodyEmitter.DataWithMediaType> parts = new LinkedHashSet<>();
            for (String postId : unsent.keySet()) {
                Long count = unsent.remove(postId);
                if (count != null) {
                    var event = SseEmitter.event().name("count").data(new CountUpdate(postId, count).toJson());
                    if (!greeted) {
                        event.reconnectTime(reconnectMillis);
                        greeted = true;
                    }
                    parts.addAll(event.build());
                }
            }
            if (!parts.isEmpty()) {
                emitter.send(parts);
            }
            return true;
        } catch (IOException e) {
            clientGone();
            return false;
        } catch (IllegalStateException e) {
            // The emitter completed meanwhile.
            return false;
        } finally {
            flushing.set(false);
        }
    }

    /** @return false when the client is gone */
    boolean keepAlive() {
        try {
            emitter.send(SseEmitter.event().comment("keep-alive"));
            return true;
        } catch (IOException e) {
            clientGone();
            return false;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * A write failed: the client is gone, and the container, which saw the failure, ends the request itself (its error
     * notification dispatches and completes it). Spring's {@code ResponseBodyEmitter#complete} is not meant to be
     * called after an I/O error on send, so the stream is only marked closed here.
     */
    private void clientGone() {
        closed.set(true);
    }

    /** Ends the stream once; safe to call from any callback. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // Already completed by the container (client gone, timeout): nothing left to end.
        }
        return true;
    }
}
