package dev.likes.notifications.notification;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes owner-notification events a poll at a time. The batch commits in one database transaction before the
 * method returns, and the container commits the offsets only after that, so a crash in between means a redelivery
 * the dedupe keys absorb.
 */
@Component
class NotificationListener {

    static final String ID = "notifications";

    private final NotificationRecorder recorder;

    NotificationListener(NotificationRecorder recorder) {
        this.recorder = recorder;
    }

    @KafkaListener(id = ID, groupId = "notification-service", topics = Topics.NOTIFY_OWNER, batch = "true")
    void onEvents(List<ConsumerRecord<String, LikeEvent>> records) {
        try {
            // A value the ErrorHandlingDeserializer could not read arrives as null and fails at its index.
            recorder.recordAll(records.stream().map(ConsumerRecord::value).toList());
        } catch (NotificationRecorder.EventFailed failed) {
            throw new BatchListenerFailedException(failed.getMessage(), failed.getCause(), failed.index);
        }
    }
}
