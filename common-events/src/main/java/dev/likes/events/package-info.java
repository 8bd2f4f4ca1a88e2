/**
 * The contract between the services of the Likes suite: the {@link dev.likes.events.LikeEvent} record, the
 * {@link dev.likes.events.Topics} it travels on, and the JSON serde every service reads it with.
 *
 * <p>Evolution is additive: new optional fields only; readers ignore unknown fields; a breaking change is a new
 * {@link dev.likes.events.LikeEvent#CURRENT_SCHEMA_VERSION schema version}.
 */
package dev.likes.events;
