package dev.likes.notifications.push;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.notifications.post.DeletedPosts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a like pushes and sends it to the owner's devices and the post's topic. The claim (eventId seen,
 * collapse window taken) commits before FCM is called, so pushes are at most once: a crash between claim and send
 * loses that push, but no redelivery ever buzzes a phone twice. A push that fails releases its window so the next like
 * may try again.
 *
 * <p>A batch is claimed in one transaction of two set-wise statements ({@link PushClaims}), with the outcome of
 * claiming its events one by one in order: of a window's likes in the batch only the first may take it, the others
 * collapse; and if that first push fails, the next like of the same window tries again.
 */
@Component
class PushDispatcher {

    static final String TITLE = "New like";
    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    enum Outcome {
        SENT,
        FAILED,
        COLLAPSED,
        DISABLED,
        DUPLICATE,
        IGNORED
    }

    private final PushClaims claims;
    private final DeletedPosts deletedPosts;
    private final TransactionTemplate transactions;
    private final DeviceTokens tokens;
    private final PushSender sender;
    private final PushProperties properties;
    private final Map<Outcome, Counter> sent;
    private final Counter tokensRemoved;
    private final ExecutorService senders;

    PushDispatcher(
            PushClaims claims,
            DeletedPosts deletedPosts,
            TransactionTemplate transactions,
            DeviceTokens tokens,
            PushSender sender,
            PushProperties properties,
            MeterRegistry meters) {
        this.claims = claims;
        this.deletedPosts = deletedPosts;
        this.transactions = transactions;
        this.tokens = tokens;
        this.sender = sender;
        this.properties = properties;
        this.sent = Map.of(
                Outcome.SENT, sentCounter(meters, "sent"),
                Outcome.FAILED, sentCounter(meters, "failed"),
                Outcome.COLLAPSED, sentCounter(meters, "collapsed"),
                Outcome.DISABLED, sentCounter(meters, "disabled"));
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.sendConcurrency(), task -> {
            Thread thread = new Thread(task, "push-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.tokensRemoved = Counter.builder("likes.push.tokens.removed")
                .description("Device tokens forgotten because FCM reported them unregistered or invalid")
                .register(meters);
    }

    private static Counter sentCounter(MeterRegistry meters, String result) {
        return Counter.builder("likes.push.sent")
                .description("Likes that reached the push step, by what became of them")
                .tag("result", result)
                .register(meters);
    }

    Outcome dispatch(LikeEvent event) {
        return dispatchAll(List.of(event)).get(0);
    }

    /**
     * Claims and sends a batch of readable events.
     *
     * @return per event, in order, what became of it
     * @throws ClaimFailed when the claims could not be stored: nothing of the batch was claimed or sent then
     */
    List<Outcome> dispatchAll(List<LikeEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<Integer> candidates = new ArrayList<>(events.size());
        Set<UUID> inBatch = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            LikeEvent event = events.get(i);
            if (event.type() != LikeEventType.LIKED || event.postOwnerId() == null || event.isSelfLike()) {
                outcomes[i] = Outcome.IGNORED;
            } else if (!sender.enabled()) {
                outcomes[i] = Outcome.DISABLED;
            } else if (!inBatch.add(event.eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
            } else {
                candidates.add(i);
            }
        }
        // Per window, its fresh likes in order: the first one may take it.
        Map<PushClaims.Window, List<Integer>> byWindow = new LinkedHashMap<>();
        if (!candidates.isEmpty()) {
            try {
                transactions.executeWithoutResult(tx -> claim(events, candidates, byWindow, outcomes));
            } catch (RuntimeException e) {
                // Nothing of this batch was claimed: the events before the first candidate needed no claim.
                throw new ClaimFailed(
                        candidates.get(0), e, counted(events, List.of(outcomes).subList(0, candidates.get(0))));
            }
            sendAll(events, byWindow.values(), outcomes);
        }
        return counted(events, List.of(outcomes));
    }

    private void claim(
            List<LikeEvent> events,
            List<Integer> candidates,
            Map<PushClaims.Window, List<Integer>> byWindow,
            Outcome[] outcomes) {
        // A like of a deleted post, accepted just before the deletion, pushes nothing.
        Set<String> deleted = deletedPosts.among(
                candidates.stream().map(i -> events.get(i).postId()).toList());
        List<Integer> live = new ArrayList<>(candidates.size());
        for (int i : candidates) {
            if (deleted.contains(events.get(i).postId())) {
                outcomes[i] = Outcome.IGNORED;
            } else {
                live.add(i);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Set<UUID> fresh = claims.firstDeliveries(
                live.stream().map(i -> events.get(i).eventId()).toList());
        for (int i : live) {
            LikeEvent event = events.get(i);
            if (fresh.contains(event.eventId())) {
                byWindow.computeIfAbsent(windowOf(event), w -> new ArrayList<>())
                        .add(i);
                outcomes[i] = Outcome.COLLAPSED;
            } else {
                outcomes[i] = Outcome.DUPLICATE;
            }
        }
        if (!byWindow.isEmpty()) {
            Set<PushClaims.Window> taken =
                    claims.claimWindows(List.copyOf(byWindow.keySet()), properties.collapseWindow());
            byWindow.forEach((window, likes) -> {
                if (taken.contains(window)) {
                    // Marked SENT until the send says otherwise; the window's other likes collapse into it.
                    outcomes[likes.get(0)] = Outcome.SENT;
                }
            });
        }
    }

    /**
     * Sends the claimed likes of different windows at once, up to {@code likes.push.send-concurrency}: windows are
     * independent (each its own owner and post), and an FCM round trip is tens of milliseconds of waiting. Returns
     * when all are done, so the offsets are committed only after every claimed push was tried.
     */
    private void sendAll(List<LikeEvent> events, Collection<List<Integer>> windows, Outcome[] outcomes) {
        if (windows.size() == 1 || properties.sendConcurrency() == 1) {
            windows.forEach(likes -> sendInOrder(events, likes, outcomes));
            return;
        }
        List<Future<?>> sending = new ArrayList<>(windows.size());
        for (List<Integer> likes : windows) {
            if (outcomes[likes.get(0)] == Outcome.SENT) {
                sending.add(senders.submit(() -> sendInOrder(events, likes, outcomes)));
            }
        }
        for (Future<?> send : sending) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pushing", e);
            } catch (ExecutionException e) {
                // send() turns every failure into FAILED; only an Error gets here.
                throw new IllegalStateException("push failed", e.getCause());
            }
        }
    }

    @PreDestroy
    void stopSenders() {
        senders.shutdown();
    }

    /** Sends the window's claimed like; if it fails, the window is free again and its next like tries in turn. */
    private void sendInOrder(List<LikeEvent> events, List<Integer> likes, Outcome[] outcomes) {
        for (int k = 0; k < likes.size(); k++) {
            int i = likes.get(k);
            if (k > 0) {
                PushClaims.Window window = windowOf(events.get(i));
                try {
                    if (!claims.claimWindows(List.of(window), properties.collapseWindow())
                            .contains(window)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // The window stays as it is; this like stays collapsed, as the others would be.
                    log.atWarn()
                            .addKeyValue("eventId", events.get(i).eventId())
                            .addKeyValue("cause", e.getMessage())
                            .log("push window not claimed again after a failed push");
                    return;
                }
            } else if (outcomes[i] != Outcome.SENT) {
                return;
            }
            outcomes[i] = send(events.get(i));
            if (outcomes[i] == Outcome.SENT) {
                return;
            }
        }
    }

    private Outcome send(LikeEvent event) {
        String body = event.userId() + " liked your post";
        Map<String, String> data = Map.of("postId", event.postId(), "actorId", event.userId(), "type", "POST_LIKED");
        int delivered = 0;
        try {
            List<PushMessage> messages = new ArrayList<>();
            for (String token : tokens.tokensOf(event.postOwnerId(), properties.maxTokensPerUser())) {
                messages.add(PushMessage.toToken(token, TITLE, body, data));
            }
            messages.add(PushMessage.toTopic(topicOf(event.postId()), TITLE, body, data));
            for (PushMessage message : messages) {
                switch (sender.send(message)) {
                    case SENT -> delivered++;
                    case TOKEN_INVALID -> {
                        if (tokens.forget(message.token())) {
                            tokensRemoved.increment();
                            log.atInfo()
                                    .addKeyValue("userId", event.postOwnerId())
                                    .log("device token removed: FCM rejected it");
                        }
                    }
                    case FAILED -> {}
                }
            }
            if (delivered > 0) {
                return Outcome.SENT;
            }
            claims.release(windowOf(event));
        } catch (RuntimeException e) {
            // One push's trouble (the database gone while reading tokens) must not cost the batch's other pushes,
            // which are claimed already and would never be sent after a redelivery.
            log.atWarn()
                    .addKeyValue("eventId", event.eventId())
                    .addKeyValue("cause", e.getMessage())
                    .log("push not sent");
            if (delivered > 0) {
                return Outcome.SENT;
            }
        }
        return Outcome.FAILED;
    }

    private List<Outcome> counted(List<LikeEvent> events, List<Outcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            var counter = sent.get(outcomes.get(i));
            if (counter != null) {
                counter.increment();
            }
            log.atDebug()
                    .addKeyValue("eventId", events.get(i).eventId())
                    .addKeyValue("postId", events.get(i).postId())
                    .addKeyValue("outcome", outcomes.get(i))
                    .log("push event handled");
        }
        return outcomes;
    }

    private static PushClaims.Window windowOf(LikeEvent event) {
        return new PushClaims.Window(event.postOwnerId(), event.postId());
    }

    /** The FCM topic a post's followers subscribe to; post ids are {@code [A-Za-z0-9_-]}, valid in topic names. */
    static String topicOf(String postId) {
        return "post_" + postId + "_likes";
    }

    /** The claims of a batch could not be stored; the events before {@link #index} are done. */
    static final class ClaimFailed extends RuntimeException {

        final int index;

        /** The outcomes of the events before {@link #index}. */
        final List<Outcome> before;

        ClaimFailed(int index, RuntimeException cause, List<Outcome> before) {
            super("push claims failed: " + cause.getMessage(), cause);
            this.index = index;
            this.before = before;
        }
    }
}
