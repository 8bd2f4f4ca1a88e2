package dev.likes.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TracingAutoConfigurationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final ApplicationContextRunner withTracing = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ObservationAutoConfiguration.class,
                    OpenTelemetryAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class,
                    TracingAutoConfiguration.class));

    @Test
    void withinContinuesTheTraceOfTheRecordsTraceparent() {
        withTracing.run(context -> {
            var traces = context.getBean(Traces.class);
            var seen = new AtomicReference<String>();

            context.getBean(RecordTrace.class)
                    .within(headersWith(TRACEPARENT), "count like", traces, t -> seen.set(t.currentTraceIdOrNull()));

            assertThat(seen).hasValue(TRACE_ID);
            assertThat(traces.currentTraceId()).isEmpty();
        });
    }

    @Test
    void aRecordWithoutTraceparentRunsWithoutASpan() {
        withTracing.run(context -> {
            var traces = context.getBean(Traces.class);
            var seen = new AtomicReference<String>("not called");

            context.getBean(RecordTrace.class)
                    .within(new RecordHeaders(), "step", traces, "x", (t, x) -> seen.set(t.currentTraceIdOrNull()));

            assertThat(seen.get()).isNull();
        });
    }

    @Test
    void observeOpensAnObservationInTheRecordsTrace() {
        withTracing.run(context -> {
            var record = new ConsumerRecord<String, byte[]>("likes.events", 0, 0L, "p1", new byte[0]);
            record.headers().add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
            var tracer = context.getBean(Tracer.class);

            Observation observation = context.getBean(RecordTrace.class).observe(record, "listener");
            String traceId;
            String traceParent;
            try (Observation.Scope scope = observation.openScope()) {
                traceId = tracer.currentSpan().context().traceId();
                traceParent = context.getBean(Traces.class).currentTraceParentOrNull();
            } finally {
                observation.stop();
            }

            assertThat(traceId).isEqualTo(TRACE_ID);
            assertThat(traceParent).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        });
    }

    @Test
    void withoutATracerTheActionStillRunsAndNoTraceIdIsClaimed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TracingAutoConfiguration.class))
                .run(context -> {
                    var called = new AtomicReference<Boolean>(false);

                    context.getBean(RecordTrace.class).within(headersWith(TRACEPARENT), "step", true, called::set);

                    assertThat(called).hasValue(true);
                    assertThat(context.getBean(Traces.class).currentTraceParentOrNull())
                            .isNull();
                });
    }

    private static RecordHeaders headersWith(String traceparent) {
        var headers = new RecordHeaders();
        headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
