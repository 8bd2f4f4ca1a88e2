package dev.likes.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON form of {@link LikeEvent}: ISO-8601 instants, unknown fields ignored. Thread-safe.
 *
 * <p>Readers ignore unknown fields so that a producer may add optional fields before its consumers are upgraded.
 */
public final class LikeEventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private LikeEventJson() {}

    /** The event as UTF-8 JSON. */
    public static byte[] toBytes(LikeEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A LikeEvent must always serialize", e);
        }
    }

    /** The event as a JSON string, e.g. for a jsonb column. */
    public static String toJson(LikeEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A LikeEvent must always serialize", e);
        }
    }

    /**
     * Reads an event.
     *
     * @throws MalformedEventException when the bytes are not a valid event: a poison record, never worth a retry
     */
    public static LikeEvent fromBytes(byte[] json) {
        try {
            return MAPPER.readValue(json, LikeEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("Not a readable LikeEvent: " + rootMessage(e), e);
        }
    }

    /** Reads an event from a JSON string. */
    public static LikeEvent fromJson(String json) {
        try {
            return MAPPER.readValue(json, LikeEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("Not a readable LikeEvent: " + rootMessage(e), e);
        }
    }

    /** The mapper configured as above, for services that read other JSON the same way. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    /** Thrown for bytes that can never become a {@link LikeEvent}. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause instanceof IOException io ? io : new IOException(cause));
        }
    }
}
