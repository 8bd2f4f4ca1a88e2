package dev.likes.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What happened to a post on the platform. */
public enum PostEventType {
    /** The post exists from now on and can be liked; {@code ownerId} says whose it is. */
    POST_CREATED,
    /** The post is gone: no further likes, no count, no trending entry, no unread notification. */
    POST_DELETED,
    /**
     * A type this reader does not know yet, written by a newer producer. Readers skip it (and count it) instead of
     * parking it: producers may add types before their consumers are upgraded.
     */
    @JsonEnumDefaultValue
    UNKNOWN
}
