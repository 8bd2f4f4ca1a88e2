package dev.likes.notifications.push;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a like pushes and sends it to the owner's devices and the post's topic. The claim (eventId seen,
 * collapse window taken) commits before FCM is called, so pushes are at most once: a crash between claim and send
 * loses that push, but no redelivery ever buzzes a phone twice. A push that fails releases its window so the next like
 * may try again.
 */
@Component
class PushDispatcher {

    static final String TITLE = "New like";
    private static final String CONSUMER = "push";
    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    enum Outcome {
        SENT,
        FAILED,
        COLLAPSED,
        DISABLED,
        DUPLICATE,
        IGNORED
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DeviceTokens tokens;
    private final PushSender sender;
    private final PushProperties properties;
    private final Map<Outcome, Counter> sent;
    private final Counter tokensRemoved;

    PushDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            DeviceTokens tokens,
            PushSender sender,
            PushProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.sender = sender;
        this.properties = properties;
        this.sent = Map.of(
                Outcome.SENT, sentCounter(meters, "sent"),
                Outcome.FAILED, sentCounter(meters, "failed"),
                Outcome.COLLAPSED, sentCounter(meters, "collapsed"),
                Outcome.DISABLED, sentCounter(meters, "disabled"));
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
        Outcome outcome = decide(event);
        if (outcome == Outcome.SENT) {
            outcome = send(event);
        }
        var counter = sent.get(outcome);
        if (counter != null) {
            counter.increment();
        }
        log.atDebug()
                .addKeyValue("eventId", event.eventId())
                .addKeyValue("postId", event.postId())
                .addKeyValue("outcome", outcome)
                .log("push event handled");
        return outcome;
    }

    private Outcome decide(LikeEvent event) {
        if (event.type() != LikeEventType.LIKED || event.postOwnerId() == null || event.isSelfLike()) {
            return Outcome.IGNORED;
        }
        if (!sender.enabled()) {
            return Outcome.DISABLED;
        }
        return transactions.execute(tx -> {
            boolean first = jdbc.sql(
                                    "INSERT INTO processed_events (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
                            .param("consumer", CONSUMER)
                            .param("eventId", event.eventId())
                            .update()
                    == 1;
            if (!first) {
                return Outcome.DUPLICATE;
            }
            // Takes the window if there is none or it has expired; the row count says whether this like may push.
            boolean claimed = jdbc.sql(
                                    """
                            INSERT INTO push_windows (recipient_id, post_id, window_started_at)
                            VALUES (:recipientId, :postId, now())
                            ON CONFLICT (recipient_id, post_id) DO UPDATE
                                SET window_started_at = excluded.window_started_at
                                WHERE push_windows.window_started_at
                                      <= excluded.window_started_at - make_interval(secs => :windowSeconds)
                            """)
                            .param("recipientId", event.postOwnerId())
                            .param("postId", event.postId())
                            .param("windowSeconds", properties.collapseWindow().toMillis() / 1000.0)
                            .update()
                    == 1;
            return claimed ? Outcome.SENT : Outcome.COLLAPSED;
        });
    }

    private Outcome send(LikeEvent event) {
        String body = event.userId() + " liked your post";
        Map<String, String> data = Map.of("postId", event.postId(), "actorId", event.userId(), "type", "POST_LIKED");
        List<PushMessage> messages = new ArrayList<>();
        for (String token : tokens.tokensOf(event.postOwnerId(), properties.maxTokensPerUser())) {
            messages.add(PushMessage.toToken(token, TITLE, body, data));
        }
        messages.add(PushMessage.toTopic(topicOf(event.postId()), TITLE, body, data));
        int delivered = 0;
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
        jdbc.sql("DELETE FROM push_windows WHERE recipient_id = :recipientId AND post_id = :postId")
                .param("recipientId", event.postOwnerId())
                .param("postId", event.postId())
                .update();
        return Outcome.FAILED;
    }

    /** The FCM topic a post's followers subscribe to; post ids are {@code [A-Za-z0-9_-]}, valid in topic names. */
    static String topicOf(String postId) {
        return "post_" + postId + "_likes";
    }
}
