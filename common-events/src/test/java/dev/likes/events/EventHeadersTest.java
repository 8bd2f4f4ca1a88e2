package dev.likes.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    @Test
    void stampingAnEventAddsItsIdTypeAndOwnSchemaVersionAsText() {
        var event = new LikeEvent(
                UUID.fromString("6f1c9a52-3b1e-4d59-9b1a-2f0c6d7e8a11"),
                LikeEventType.UNLIKED,
                "post-1",
                "bob",
                "alice",
                Instant.parse("2026-11-01T12:00:00Z"),
                null,
                3);

        Headers headers = EventHeaders.stamp(new RecordHeaders(), event);

        assertThat(text(headers, EventHeaders.EVENT_ID)).isEqualTo("6f1c9a52-3b1e-4d59-9b1a-2f0c6d7e8a11");
        assertThat(text(headers, EventHeaders.EVENT_TYPE)).isEqualTo("UNLIKED");
        assertThat(text(headers, EventHeaders.SCHEMA_VERSION)).isEqualTo("3");
    }

    @Test
    void stampingKeepsHeadersAlreadyThere() {
        var headers = new RecordHeaders();
        headers.add("traceparent", "00-x".getBytes(StandardCharsets.UTF_8));

        EventHeaders.stamp(headers, UUID.randomUUID(), "LIKED", LikeEvent.CURRENT_SCHEMA_VERSION);

        assertThat(headers.toArray()).hasSize(4);
        assertThat(text(headers, "traceparent")).isEqualTo("00-x");
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
