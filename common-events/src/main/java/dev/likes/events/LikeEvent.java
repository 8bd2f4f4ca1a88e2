package dev.likes.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A like state change that really happened: a user liked a post they had not liked, or unliked one they had.
 *
 * @param eventId unique per change; consumers dedupe on it, so a redelivery has no second effect
 * @param type what happened
 * @param postId the post; also the Kafka key, so one post's events stay ordered on one partition
 * @param postOwnerId who owns the post, so consumers can notify without a lookup
 * @param userId who liked or unliked
 * @param occurredAt when the change was committed by the like API
 * @param traceId the trace of the request that caused it, for finding its log lines; may be {@code null}
 * @param schemaVersion the payload's schema version; {@link #CURRENT_SCHEMA_VERSION} for events written now
 */
public record LikeEvent(
        UUID eventId,
        LikeEventType type,
        String postId,
        String postOwnerId,
        String userId,
        Instant occurredAt,
        String traceId,
        int schemaVersion) {

    /** The schema version this code writes. Bump only for a breaking change. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public LikeEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (schemaVersion <= 0) {
            // Payloads written before the field existed are version 1 by definition.
            schemaVersion = 1;
        }
    }

    /** A new event of the current schema version with a fresh id. */
    public static LikeEvent of(
            LikeEventType type, String postId, String postOwnerId, String userId, Instant occurredAt, String traceId) {
        return new LikeEvent(
                UUID.randomUUID(), type, postId, postOwnerId, userId, occurredAt, traceId, CURRENT_SCHEMA_VERSION);
    }

    /** +1 for a like, -1 for an unlike: what this event does to the post's count. */
    public int countDelta() {
        return type.countDelta();
    }

    /** Whether the actor is the post's owner; self-likes notify nobody. */
    public boolean isSelfLike() {
        return userId.equals(postOwnerId);
    }
}
