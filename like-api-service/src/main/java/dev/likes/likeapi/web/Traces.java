package dev.likes.likeapi.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The current trace, for answers and events that let a caller find every log line of their request. */
@Component
public class Traces {

    private final Tracer tracer;

    Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current trace id, if a trace is active. */
    public Optional<String> currentTraceId() {
        return Optional.ofNullable(tracer.currentSpan())
                .map(span -> span.context().traceId());
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
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
