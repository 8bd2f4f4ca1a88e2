package dev.likes.counts.count;

import dev.likes.events.LikeEventType;
import java.util.UUID;

/** A row of count_events that is not counted yet (PENDING or RETRYING), locked by the transaction that read it. */
public record OpenEvent(
        UUID eventId,
        String postId,
        LikeEventType type,
        int delta,
        CountStatus status,
        int retryCount,
        String payload,
        Integer sourcePartition,
        Long sourceOffset) {}
