package dev.likes.counts.count;

import dev.likes.events.LikeEvent;
import org.apache.kafka.common.header.Headers;

/**
 * A readable event as it came off {@code likes.events}, with what a parked copy needs to reach the DLQ later.
 *
 * @param payload the record's value as received, unknown fields included, so the DLQ carries the original
 * @param headers the record's headers, whose trace the event's log line continues
 */
public record IncomingEvent(LikeEvent event, String payload, int partition, long offset, Headers headers) {}
