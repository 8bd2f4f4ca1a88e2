package dev.likes.notifications.push;

import dev.likes.events.LikeEvent;
import dev.likes.events.Topics;
import dev.likes.kit.tracing.RecordTrace;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes push events in its own group, so a slow FCM never delays the stored notifications. A batch listener: the
 * claims of a poll are stored in one transaction (a record listener paid one per event). Each push sent or collapsed
 * gets one line inside its record's trace, so the line carries the like's trace id.
 */
@Component
class PushListener {

    static final String ID = "push";

    private static final Logger log = LoggerFactory.getLogger(PushListener.class);

    private final PushDispatcher dispatcher;
    private final RecordTrace traces;

    PushListener(PushDispatcher dispatcher, RecordTrace traces) {
        this.dispatcher = dispatcher;
        this.traces = traces;
    }

    @KafkaListener(id = ID, groupId = "notification-service-push", topics = Topics.PUSH, batch = "true")
    void onEvents(List<ConsumerRecord<String, LikeEvent>> records) {
        // A value the ErrorHandlingDeserializer could not read arrives as null: the events before it are handled, it
        // fails (not retryable: to the DLQ) and the rest are redelivered after it.
        int readable = 0;
        while (readable < records.size() && records.get(readable).value() != null) {
            readable++;
        }
        var events =
                records.subList(0, readable).stream().map(ConsumerRecord::value).toList();
        List<PushDispatcher.Outcome> outcomes;
        try {
            outcomes = dispatcher.dispatchAll(events);
        } catch (PushDispatcher.ClaimFailed failed) {
            logDone(records, failed.before);
            throw new BatchListenerFailedException(failed.getMessage(), failed.getCause(), failed.index);
        }
        logDone(records, outcomes);
        if (readable < records.size()) {
            throw new BatchListenerFailedException(
                    "not a LikeEvent", new IllegalArgumentException("not a LikeEvent"), readable);
        }
    }

    private void logDone(List<ConsumerRecord<String, LikeEvent>> records, List<PushDispatcher.Outcome> outcomes) {
        // A push that left is an external call worth a line; one collapsed into it says nothing new but at DEBUG.
        if (!log.isInfoEnabled()) {
            return;
        }
        boolean collapsedToo = log.isDebugEnabled();
        for (int i = 0; i < outcomes.size(); i++) {
            PushDispatcher.Outcome outcome = outcomes.get(i);
            if (outcome == PushDispatcher.Outcome.SENT
                    || (collapsedToo && outcome == PushDispatcher.Outcome.COLLAPSED)) {
                ConsumerRecord<String, LikeEvent> record = records.get(i);
                traces.within(record.headers(), "push", record.value(), outcome, PushListener::logOutcome);
            }
        }
    }

    private static void logOutcome(LikeEvent event, PushDispatcher.Outcome outcome) {
        log.atLevel(outcome == PushDispatcher.Outcome.SENT ? Level.INFO : Level.DEBUG)
                .addKeyValue("postId", event.postId())
                .addKeyValue("eventId", event.eventId())
                .log(outcome == PushDispatcher.Outcome.SENT ? "push sent" : "push collapsed");
    }
}
