package dev.likes.counts.web;

import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The current trace id, for error answers that let an operator find the log lines of their call. */
@Component
class Traces {

    private final Tracer tracer;

    Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    Optional<String> currentTraceId() {
        return Optional.ofNullable(tracer.currentSpan())
                .map(span -> span.context().traceId());
    }
}
