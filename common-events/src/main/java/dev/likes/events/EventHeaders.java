package dev.likes.events;

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
}
