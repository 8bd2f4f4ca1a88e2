package dev.likes.notifications.push;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes push events in its own group, so a slow FCM never delays the stored notifications. A record listener:
 * spring-kafka's observation continues the record's trace, so the line logged here carries the like's trace id.
 */
@Component
class PushListener {

    static final String ID = "push";

    private static final Logger log = LoggerFactory.getLogger(PushListener.class);

    private final PushDispatcher dispatcher;

    PushListener(PushDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = ID, groupId = "notification-service-push", topics = Topics.PUSH)
    void onEvent(LikeEvent event) {
        PushDispatcher.Outcome outcome = dispatcher.dispatch(event);
        if (outcome == PushDispatcher.Outcome.SENT || outcome == PushDispatcher.Outcome.COLLAPSED) {
            log.atInfo()
                    .addKeyValue("postId", event.postId())
                    .addKeyValue("eventId", event.eventId())
                    .log(outcome == PushDispatcher.Outcome.SENT ? "push sent" : "push collapsed");
        }
    }
}
