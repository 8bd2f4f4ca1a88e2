package dev.likes.kit.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Continues the trace a Kafka record carries. spring-kafka observes record listeners only, so on a batch listener's
 * thread no span is current and its log lines, and the records it sends on, would not carry the trace of the like
 * that caused them. Every consumer of the suite continues a record's trace through this one class.
 *
 * <p>Two shapes of the same continuation: {@link #within} for work that ends before the call returns (a short child
 * span, no metrics), {@link #observe} for work that outlives the call (the orchestrator's sends stay in flight until
 * the broker acknowledges them), as the listener observation spring-kafka would have started for a record listener.
 */
public class RecordTrace {

    private static final String TRACEPARENT = "traceparent";

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final ObjectProvider<ObservationRegistry> observations;

    public RecordTrace(
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            ObjectProvider<ObservationRegistry> observations) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.observations = observations;
    }

    /**
     * Calls {@code action} with {@code subject} inside a short child span, named {@code step}, of the trace in the
     * record's {@code traceparent} header, so the MDC of every line the action logs carries that trace id. A record
     * without the header gets no span: it has no trace to join, and a new one per event would only cost.
     */
    public <T> void within(Headers headers, String step, T subject, Consumer<T> action) {
        // A non-capturing adapter: the hot path allocates no lambda per record.
        within(headers, step, subject, action, RecordTrace::accept);
    }

    /** As {@link #within(Headers, String, Object, Consumer)}, for an action that needs a second argument. */
    public <T, U> void within(Headers headers, String step, T subject, U detail, BiConsumer<T, U> action) {
        Tracer currentTracer = tracer.getIfAvailable();
        Propagator currentPropagator = propagator.getIfAvailable();
        if (currentTracer == null || currentPropagator == null || headers.lastHeader(TRACEPARENT) == null) {
            action.accept(subject, detail);
            return;
        }
        Span span = currentPropagator.extract(headers, HEADERS).name(step).start();
        try (Tracer.SpanInScope scope = currentTracer.withSpan(span)) {
            action.accept(subject, detail);
        } finally {
            span.end();
        }
    }

    /**
     * A started listener observation of {@code record}, as spring-kafka starts for a record listener: it continues
     * the record's trace, and records sent while its scope is open carry that trace on. The caller stops it, once
     * the work it stands for is really done.
     */
    public Observation observe(ConsumerRecord<?, ?> record, String listenerId) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        return KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, listenerId, listenerId, listenerId, () -> null),
                        registry)
                .start();
    }

    private static <T> void accept(T subject, Consumer<T> action) {
        action.accept(subject);
    }
}
