package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's stream: the posts it follows and, per post, the version of the last count event it sent. Each post's
 * latest event is shared by all its followers ({@link PostFollowers}); a flush sends the posts whose latest event is
 * newer than what this stream sent, so however many updates arrive between two flushes, the browser gets one event per
 * post with the latest count.
 *
 * <p>Events are SSE text made once per update ({@link #eventOf}), and a flush hands the container all of its events as
 * one piece of text. Spring's event builder instead made three parts per event, each written through the message
 * converters, and a JSON serialization per event per stream: with 2,000 streams following 21 posts, that was most of
 * like-api's CPU.
 */
final class CountStream {

    /** As Spring's SseEmitter writes its own text: UTF-8 whatever the converter's default (ISO-8859-1 for text). */
    private static final MediaType SSE_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final List<String> postIds;
    private final AtomicReferenceArray<PostFollowers> posts;
    private final AtomicLongArray sentVersions;
    private final AtomicReferenceArray<String> initialEvents;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean greeted;

    CountStream(SseEmitter emitter, List<String> postIds) {
        this.emitter = emitter;
        this.postIds = List.copyOf(postIds);
        this.posts = new AtomicReferenceArray<>(postIds.size());
        this.sentVersions = new AtomicLongArray(postIds.size());
        this.initialEvents = new AtomicReferenceArray<>(postIds.size());
    }

    SseEmitter emitter() {
        return emitter;
    }

    List<String> postIds() {
        return postIds;
    }

    /** The SSE text of a count event: made once per update, shared by every stream that follows the post. */
    static String eventOf(CountUpdate update) {
        return "event:count\ndata:" + update.toJson() + "\n\n";
    }

    /** The stream follows the {@code index}th of its posts from that post's current version on. */
    void follow(int index, PostFollowers post) {
        sentVersions.set(index, post.version());
        posts.set(index, post); // after the version: a flush that sees the post sees the version it starts from
    }

    /** A count read at the start; an update that arrived meanwhile is newer and wins. */
    void offerInitial(int index, long count) {
        initialEvents.set(index, eventOf(new CountUpdate(postIds.get(index), count)));
    }

    /**
     * Claims the stream's one place in the senders' queue. A stream whose last send has not run yet needs no second
     * one: the updates keep coalescing meanwhile. Without this, a tick every 250 ms queued a send for every
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

    /** Whether a flush would send anything: an initial count, or a post's event newer than the one sent. */
    boolean hasNews() {
        for (int i = 0; i < posts.length(); i++) {
            if (initialEvents.get(i) != null || newerEvent(i) != null) {
                return true;
            }
        }
        return false;
    }

    private PostFollowers.CountEvent newerEvent(int index) {
        PostFollowers post = posts.get(index);
        PostFollowers.CountEvent event = post == null ? null : post.latest();
        return event != null && event.version() > sentVersions.get(index) ? event : null;
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
            var text = new StringBuilder();
            for (int i = 0; i < posts.length(); i++) {
                PostFollowers.CountEvent newer = newerEvent(i);
                // Read before taken: after the first flush every slot is empty, and a plain read costs no write.
                String initial = initialEvents.get(i) == null ? null : initialEvents.getAndSet(i, null);
                String event = newer != null ? newer.text() : initial;
                if (newer != null) {
                    sentVersions.set(i, newer.version());
                }
                if (event != null) {
                    if (!greeted) {
                        // The browser's reconnect delay, a field of the stream's first event.
                        text.append("retry:").append(reconnectMillis).append('\n');
                        greeted = true;
                    }
                    text.append(event);
                }
            }
            if (!text.isEmpty()) {
                emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(text.toString(), SSE_TEXT)));
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
