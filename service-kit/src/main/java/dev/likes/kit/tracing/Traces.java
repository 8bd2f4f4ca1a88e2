package dev.likes.kit.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/** The current trace, for answers and events that let a caller find every log line of their request. */
public class Traces {

    private final ObjectProvider<Tracer> tracer;

    public Traces(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current trace id, if a trace is active. */
    public Optional<String> currentTraceId() {
        return Optional.ofNullable(currentSpan()).map(span -> span.context().traceId());
    }

    /** The current trace id or {@code null}, for event fields. */
    public String currentTraceIdOrNull() {
        return currentTraceId().orElse(null);
    }

    /**
     * The current span as a W3C {@code traceparent} value, so work done later on another thread (the outbox relay)
     * can continue this trace.
     */
    public String currentTraceParentOrNull() {
        Span span = currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    private Span currentSpan() {
        // Resolved per call, not at construction: a service without tracing still answers, only without a trace id.
        Tracer current = tracer.getIfAvailable();
        return current == null ? null : current.currentSpan();
    }
}
