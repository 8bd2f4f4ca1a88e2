package dev.likes.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka header names every producer of the suite sets, so consumers can dedupe and route without parsing the body.
 * Trace headers ({@code traceparent}) are set by observation, not here.
 */
public final class EventHeaders {

    /** The event's UUID, as text. */
    public static final String EVENT_ID = "eventId";

    /** The event's type, e.g. {@code LIKED}. */
    public static final String EVENT_TYPE = "eventType";

    /** The payload's schema version, as text. */
    public static final String SCHEMA_VERSION = "schemaVersion";

    private EventHeaders() {}

    /**
     * Adds the three headers of {@code event} to {@code headers}, with the event's own schema version, so a record
     * forwarded unchanged keeps the version it was written in.
     *
     * @return {@code headers}, for chaining
     */
    public static Headers stamp(Headers headers, LikeEvent event) {
        return stamp(headers, event.eventId(), event.type().name(), event.schemaVersion());
    }

    /**
     * Adds the three headers to {@code headers}, as UTF-8 text, for a producer that holds the event's parts rather
     * than the record (an outbox row, a parked event).
     *
     * @return {@code headers}, for chaining
     */
    public static Headers stamp(Headers headers, UUID eventId, String eventType, int schemaVersion) {
        return headers.add(EVENT_ID, utf8(eventId.toString()))
                .add(EVENT_TYPE, utf8(eventType))
                .add(SCHEMA_VERSION, utf8(String.valueOf(schemaVersion)));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
