package dev.likes.feed.web;

import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The current trace, so a problem answer lets the caller find every log line of their request. */
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
