package dev.likes.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.likes.events.LikeEventJson.MalformedEventException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The JSON form of {@link PostEvent}, read leniently where a platform may differ (unknown fields, unknown types, no
 * eventId, no occurredAt) and strictly where a wrong value would do harm (a missing or unusable postId, a creation
 * without an owner): those are {@link MalformedEventException}s, which the consumers park on their DLQ. Thread-safe.
 */
public final class PostEventJson {

    /** The post ids the suite accepts everywhere: safe in a URL path, a Kafka key and a Redis key. */
    public static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** The longest owner id the like API stores. */
    public static final int MAX_OWNER_ID_LENGTH = 255;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .build();

    private PostEventJson() {}

    /** The event as UTF-8 JSON. */
    public static byte[] toBytes(PostEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A PostEvent must always serialize", e);
        }
    }

    /** The event as a JSON string, e.g. for a jsonb column. */
    public static String toJson(PostEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A PostEvent must always serialize", e);
        }
    }

    /**
     * Reads and checks an event. An event of a type this code does not know is returned as {@link
     * PostEventType#UNKNOWN} without further checks, for the caller to skip.
     *
     * @throws MalformedEventException when the bytes are not a usable post event: a poison record, never worth a retry
     */
    public static PostEvent fromBytes(byte[] json) {
        PostEvent event;
        try {
            event = MAPPER.readValue(json, PostEvent.class);
        } catch (IOException | RuntimeException e) {
            throw malformed("not JSON of a post event: " + firstLine(e.getMessage()), e);
        }
        if (event == null) {
            throw malformed("empty record", null);
        }
        if (event.type() == null) {
            throw malformed("no type", null);
        }
        if (event.type() == PostEventType.UNKNOWN) {
            return event;
        }
        if (event.postId() == null || !POST_ID.matcher(event.postId()).matches()) {
            throw malformed("postId must be 1 to 100 characters of A-Z, a-z, 0-9, '_' or '-'", null);
        }
        if (event.type() == PostEventType.POST_CREATED
                && (event.ownerId() == null
                        || event.ownerId().isBlank()
                        || event.ownerId().length() > MAX_OWNER_ID_LENGTH)) {
            throw malformed("a POST_CREATED needs an ownerId of 1 to " + MAX_OWNER_ID_LENGTH + " characters", null);
        }
        return event;
    }

    private static MalformedEventException malformed(String why, Throwable cause) {
        return new MalformedEventException(
                "Not a readable PostEvent: " + why, cause == null ? new IllegalArgumentException(why) : cause);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
    }
}
