package dev.likes.likeapi.outbox;

import java.util.UUID;

/** An unsent outbox row, as the relay reads it. */
record OutboxRow(UUID id, String aggregateId, String eventType, String topic, String payload, String traceParent) {}
