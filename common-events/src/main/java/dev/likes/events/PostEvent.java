package dev.likes.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A post's life on the platform: created (with its owner) or deleted. The platform publishes these on {@link
 * Topics#PLATFORM_POSTS} (keyed by postId) and the like API registers or deletes its posts from them; the like API
 * publishes the deletions it applied on {@link Topics#POST_EVENTS} so that every other service forgets the post.
 *
 * <p>The platform's wire form is the minimal one: {@code {"type":"POST_CREATED","postId":"…","ownerId":"…",
 * "occurredAt":"<ISO-8601>"}} and {@code {"type":"POST_DELETED","postId":"…","occurredAt":"…"}}. Unknown fields are
 * ignored and an unknown type reads as {@link PostEventType#UNKNOWN}.
 *
 * @param eventId unique per event when the producer gives one (the like API always does); may be {@code null} from a
 *     platform, since applying a post event twice changes nothing
 * @param type what happened
 * @param postId the post, 1 to 100 characters of {@code [A-Za-z0-9_-]}; also the Kafka key
 * @param ownerId who owns the post; required for {@link PostEventType#POST_CREATED}, optional otherwise
 * @param occurredAt when it happened on the platform; may be {@code null} (then: when it was applied)
 * @param schemaVersion the payload's schema version; {@link #CURRENT_SCHEMA_VERSION} for events written now
 */
public record PostEvent(
        UUID eventId, PostEventType type, String postId, String ownerId, Instant occurredAt, int schemaVersion) {

    /** The schema version this code writes. Bump only for a breaking change. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public PostEvent {
        if (schemaVersion <= 0) {
            // Payloads without the field (every platform's, typically) are version 1 by definition.
            schemaVersion = 1;
        }
    }

    /** A deletion of the current schema version with a fresh id, as the like API publishes it. */
    public static PostEvent deleted(String postId, String ownerId, Instant occurredAt) {
        return new PostEvent(
                UUID.randomUUID(), PostEventType.POST_DELETED, postId, ownerId, occurredAt, CURRENT_SCHEMA_VERSION);
    }

    /** A creation of the current schema version with a fresh id, as a platform or the backfill writes it. */
    public static PostEvent created(String postId, String ownerId, Instant occurredAt) {
        return new PostEvent(
                UUID.randomUUID(), PostEventType.POST_CREATED, postId, ownerId, occurredAt, CURRENT_SCHEMA_VERSION);
    }
}
