package dev.likes.orchestrator.fanout;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace headers ({@code traceparent}) of the span current on this thread, for the fan-out records of one event.
 *
 * <p>Why not the template's observation: it starts and stops a producer span, a timer and a long-task timer per send,
 * three per like, and stops them on the producer's single I/O thread. JFR put three quarters of that thread's time and
 * a third of the listener threads' in it (docs/benchmarks.md, "consumer drain"). The event's own observation already
 * continues the like's trace; its span is the parent the three records carry, so each downstream service still joins
 * the like's trace.
 */
@Component
class TraceHeaders {

    private static final Propagator.Setter<List<Header>> SETTER =
            (headers, key, value) -> headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));

    /** Null when tracing is off. Resolved once: a provider lookup per event cost more than the injection itself. */
    private final Tracer tracer;

    private final Propagator propagator;

    TraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    /** The headers that continue the current span's trace; none when tracing is off or no span is current. */
    List<Header> current() {
        if (tracer == null || propagator == null) {
            return List.of();
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(1);
        propagator.inject(context, headers, SETTER);
        return headers;
    }
}
