package dev.likes.notifications.push;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes push events in its own group, so a slow FCM never delays the stored notifications. */
@Component
class PushListener {

    static final String ID = "push";

    private final PushDispatcher dispatcher;

    PushListener(PushDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = ID, groupId = "notification-service-push", topics = Topics.PUSH)
    void onEvent(LikeEvent event) {
        dispatcher.dispatch(event);
    }
}
