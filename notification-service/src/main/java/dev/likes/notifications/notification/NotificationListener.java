package dev.likes.notifications.notification;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes owner-notification events. The work commits in one database transaction before the method returns, and
 * the container commits the offset only after that, so a crash in between means a redelivery the keys absorb.
 */
@Component
class NotificationListener {

    static final String ID = "notifications";

    private final NotificationRecorder recorder;

    NotificationListener(NotificationRecorder recorder) {
        this.recorder = recorder;
    }

    @KafkaListener(id = ID, groupId = "notification-service", topics = Topics.NOTIFY_OWNER)
    void onEvent(LikeEvent event) {
        recorder.record(event);
    }
}
