package dev.likes.orchestrator.fanout;

import dev.likes.events.EventHeaders;
import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventJson;
import dev.likes.events.Topics;
import dev.likes.kit.Causes;
import dev.likes.kit.tracing.RecordTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code likes.events} in batches and sends each event, unchanged, to the topics its {@link FanOutRules
 * route} names, all sends of a batch in flight at once.
 *
 * <p>The method returns, and the container commits the batch's offsets, only after the broker acknowledged every send
 * (acks=all, idempotent producer). If a send fails or times out, the first record not fully acknowledged is reported
 * to the error handler: the records before it are committed, it and the rest are redelivered after a backoff. A
 * redelivery may send an event a second time; the consumers of the fan-out topics dedupe by eventId. A send that
 * failed may also have been overtaken by a later one of its partition that got through, so a consumer to which the
 * order of one user's like and unlike matters (notifications) goes by their occurredAt, not by their arrival.
 *
 * <p>Each event's sends run in an observation continuing its record's trace; the observation stays open until the
 * sends are acknowledged, and the event's "like fanned out" line is logged inside it, so the like's trace id finds it.
 */
@Component
class FanOutListener {

    static final String LISTENER_ID = "side-effects-orchestrator";

    private static final Logger log = LoggerFactory.getLogger(FanOutListener.class);

    private final KafkaOperations<String, byte[]> kafka;
    private final RecordTrace recordTrace;
    private final FanOutProperties properties;
    private final TraceHeaders traceHeaders;
    private final Map<String, Counter> sent;
    private final Counter skippedSelfLikes;

    FanOutListener(
            KafkaOperations<String, byte[]> kafka,
            RecordTrace recordTrace,
            MeterRegistry meters,
            FanOutProperties properties,
            TraceHeaders traceHeaders) {
        this.kafka = kafka;
        this.recordTrace = recordTrace;
        this.traceHeaders = traceHeaders;
        this.properties = properties;
        this.sent = Stream.of(Topics.NOTIFY_OWNER, Topics.PUSH, Topics.FEED_BOOST)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), topic -> Counter.builder("likes.fanout.sent")
                        .description("Fan-out records the broker acknowledged")
                        .tag("topic", topic)
                        .register(meters)));
        this.skippedSelfLikes = Counter.builder("likes.fanout.skipped")
                .description("Events whose owner notification and push were skipped")
                .tag("reason", "self-like")
                .register(meters);
    }

    // The values stay bytes: a poison record is recognised here (and parked at once), and a good one is forwarded
    // byte for byte, so fields a newer producer added reach the consumers even before this service knows them.
    @KafkaListener(id = LISTENER_ID, topics = Topics.LIKE_EVENTS, batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<InFlight> inFlight = new ArrayList<>(records.size());
        int poisonIndex = -1;
        RuntimeException poison = null;
        int acknowledged = 0;
        try {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                LikeEvent event;
                try {
                    event = LikeEventJson.fromBytes(record.value() == null ? new byte[0] : record.value());
                } catch (LikeEventJson.MalformedEventException e) {
                    // Stop here: the records after it are redelivered once the poison one is parked, in order.
                    poisonIndex = i;
                    poison = e;
                    break;
                }
                inFlight.add(send(i, record, event));
            }

            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            for (; acknowledged < inFlight.size(); acknowledged++) {
                InFlight sends = inFlight.get(acknowledged);
                awaitAcks(sends, deadline, records.get(sends.index()));
                sends.acknowledged();
            }
        } finally {
            // The failed event's observation (its error recorded) and those of the events after it, never awaited.
            for (int i = acknowledged; i < inFlight.size(); i++) {
                inFlight.get(i).observation().stop();
            }
        }
        if (poison != null) {
            ConsumerRecord<String, byte[]> failed = records.get(poisonIndex);
            log.atWarn()
                    .addKeyValue("partition", failed.partition())
                    .addKeyValue("offset", failed.offset())
                    .addKeyValue("cause", poison.getMessage())
                    .log("not a LikeEvent; parking it on " + FanOutTopics.ORCHESTRATOR_DLQ);
            throw new BatchListenerFailedException("not a LikeEvent: " + poison.getMessage(), poison, failed);
        }
        log.atDebug().addKeyValue("events", inFlight.size()).log("fan-out batch acknowledged");
    }

    private static void awaitAcks(InFlight sends, long deadline, ConsumerRecord<String, byte[]> record) {
        for (CompletableFuture<?> send : sends.futures()) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sends.observation().error(e);
                throw new BatchListenerFailedException("interrupted", e, record);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                sends.observation().error(cause);
                log.atWarn()
                        .addKeyValue("partition", record.partition())
                        .addKeyValue("offset", record.offset())
                        .addKeyValue("cause", Causes.rootMessage(e))
                        .log("fan-out not acknowledged; the record and those after it will be redelivered");
                throw new BatchListenerFailedException("fan-out not acknowledged", cause, record);
            }
        }
    }

    /**
     * Starts the sends of one event inside an observation that continues the trace of its record (spring-kafka observes
     * record listeners only), so each fan-out record carries a {@code traceparent} of the like request's trace. The
     * observation is left started: {@link InFlight#acknowledged()} stops it.
     */
    private InFlight send(int index, ConsumerRecord<String, byte[]> record, LikeEvent event) {
        FanOutRules.Route route = FanOutRules.route(event);
        if (route.skippedSelfLike()) {
            skippedSelfLikes.increment();
        }
        Observation observation = recordTrace.observe(record, LISTENER_ID);
        List<CompletableFuture<?>> futures;
        try (Observation.Scope scope = observation.openScope()) {
            List<Header> trace = traceHeaders.current();
            futures = route.topics().stream()
                    .<CompletableFuture<?>>map(topic -> sendTo(topic, event, record.value(), trace))
                    .toList();
        } catch (RuntimeException e) {
            observation.error(e);
            observation.stop();
            throw e;
        }
        return new InFlight(index, event, futures, observation);
    }

    private CompletableFuture<?> sendTo(String topic, LikeEvent event, byte[] json, List<Header> trace) {
        // Stamped with the like's time, not the send's: the freshness gauges downstream then measure how old the like
        // is, so a delay anywhere upstream shows at every later hop too.
        var out = new ProducerRecord<String, byte[]>(
                topic, null, event.occurredAt().toEpochMilli(), event.postId(), json);
        EventHeaders.stamp(out.headers(), event);
        trace.forEach(out.headers()::add);
        try {
            return kafka.send(out).thenRun(sent.get(topic)::increment);
        } catch (RuntimeException e) {
            // The producer refused at once (no metadata within max.block.ms): report it like a failed send.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The sends of the record at {@code index} of the batch, and the observation continuing its trace. */
    private record InFlight(int index, LikeEvent event, List<CompletableFuture<?>> futures, Observation observation) {

        /** Logs the fact in the record's trace (DEBUG: no scope opened without it), then ends its observation. */
        void acknowledged() {
            try {
                if (log.isDebugEnabled()) {
                    try (Observation.Scope scope = observation.openScope()) {
                        log.atDebug()
                                .addKeyValue("postId", event.postId())
                                .addKeyValue("eventId", event.eventId())
                                .addKeyValue("type", event.type())
                                .addKeyValue("topics", futures.size())
                                .log("like fanned out");
                    }
                }
            } finally {
                observation.stop();
            }
        }
    }
}
