package dev.likes.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A post's new like count, as the count consumer committed it; published on the Redis channel {@link #CHANNEL} after
 * every batch (one message per changed post, the batch's last count), for the live streams of the like API.
 *
 * <p>Redis pub/sub is fire-and-forget: a listener that was away misses updates. That is acceptable for a display,
 * because a stream's client re-reads the counts whenever it reconnects, and the count reads stay the truth.
 *
 * @param postId the post
 * @param count its like count after the batch
 */
public record CountUpdate(String postId, long count) {

    /** The Redis pub/sub channel of count updates. */
    public static final String CHANNEL = "likes:counts";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The update as JSON: {@code {"postId":"p1","count":3}}. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("A CountUpdate must always serialize", e);
        }
    }

    /**
     * Reads an update.
     *
     * @throws IllegalArgumentException when the text is not an update
     */
    public static CountUpdate fromJson(String json) {
        try {
            CountUpdate update = MAPPER.readValue(json, CountUpdate.class);
            if (update.postId() == null) {
                throw new IllegalArgumentException("A CountUpdate without a postId: " + json);
            }
            return update;
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a readable CountUpdate: " + e.getMessage(), e);
        }
    }
}
