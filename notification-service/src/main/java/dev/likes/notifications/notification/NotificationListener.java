package dev.likes.notifications.notification;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.kit.tracing.RecordTrace;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes owner-notification events a poll at a time. The batch commits in one database transaction before the
 * method returns, and the container commits the offsets only after that, so a crash in between means a redelivery
 * the dedupe keys absorb. Each event that changed a notification then gets one log line inside its record's trace.
 */
@Component
class NotificationListener {

    static final String ID = "notifications";

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final NotificationRecorder recorder;
    private final RecordTrace traces;

    NotificationListener(NotificationRecorder recorder, RecordTrace traces) {
        this.recorder = recorder;
        this.traces = traces;
    }

    @KafkaListener(id = ID, groupId = "notification-service", topics = Topics.NOTIFY_OWNER, batch = "true")
    void onEvents(List<ConsumerRecord<String, LikeEvent>> records) {
        List<NotificationRecorder.Outcome> outcomes;
        try {
            // A value the ErrorHandlingDeserializer could not read arrives as null and fails at its index.
            outcomes = recorder.recordAll(
                    records.stream().map(ConsumerRecord::value).toList());
        } catch (NotificationRecorder.EventFailed failed) {
            logApplied(records, failed.appliedBefore);
            throw new BatchListenerFailedException(failed.getMessage(), failed.getCause(), failed.index);
        }
        logApplied(records, outcomes);
    }

    /** One line per committed change; duplicates and ignored events changed nothing and say nothing. */
    private void logApplied(
            List<ConsumerRecord<String, LikeEvent>> records, List<NotificationRecorder.Outcome> outcomes) {
        if (!log.isDebugEnabled()) {
            return;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            NotificationRecorder.Outcome outcome = outcomes.get(i);
            if (outcome == NotificationRecorder.Outcome.SINGLE
                    || outcome == NotificationRecorder.Outcome.GROUPED
                    || outcome == NotificationRecorder.Outcome.RETRACTED) {
                ConsumerRecord<String, LikeEvent> record = records.get(i);
                traces.within(
                        record.headers(),
                        "record notification",
                        record.value(),
                        outcome,
                        NotificationListener::logChange);
            }
        }
    }

    private static void logChange(LikeEvent event, NotificationRecorder.Outcome outcome) {
        log.atDebug()
                .addKeyValue("postId", event.postId())
                .addKeyValue("eventId", event.eventId())
                .log(
                        switch (outcome) {
                            case GROUPED -> "notification grouped";
                            case RETRACTED -> "notification retracted";
                            default -> "notification stored";
                        });
    }
}
