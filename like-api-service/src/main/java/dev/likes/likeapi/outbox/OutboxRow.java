package dev.likes.likeapi.outbox;

import java.util.UUID;

/** An unpublished outbox row, as the relay reads it; {@code seq} is its place in its lane's order. */
record OutboxRow(
        long seq, UUID id, String aggregateId, String eventType, String topic, String payload, String traceParent) {}
