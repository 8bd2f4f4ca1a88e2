package dev.likes.notifications.notification;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Continues the trace a Kafka record carries. spring-kafka observes record listeners only, so on a batch listener's
 * thread no span is current and its log lines would not carry the trace id of the like that caused them.
 */
@Component
public class RecordTrace {

    private static final String TRACEPARENT = "traceparent";

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;

    /** Null when tracing is off. */
    private final Propagator propagator;

    RecordTrace(Tracer tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator.getIfAvailable();
    }

    /**
     * Calls {@code action} with {@code subject} and {@code detail} inside a short child span, named {@code step}, of the trace in the
     * record's {@code traceparent} header, so the MDC of every line the action logs carries that trace id. A record
     * without the header gets no span: it has no trace to join, and a new one per event would only cost.
     */
    public <T, U> void within(Headers headers, String step, T subject, U detail, BiConsumer<T, U> action) {
        if (propagator == null || headers.lastHeader(TRACEPARENT) == null) {
            action.accept(subject, detail);
            return;
        }
        Span span = propagator.extract(headers, HEADERS).name(step).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            action.accept(subject, detail);
        } finally {
            span.end();
        }
    }
}
