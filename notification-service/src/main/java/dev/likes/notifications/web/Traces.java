package dev.likes.notifications.web;

import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The current trace, for answers that let a caller find every log line of their request. */
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
