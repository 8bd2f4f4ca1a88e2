package dev.likes.counts.cache;

import dev.likes.events.CountUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

/**
 * Writes committed counts to Redis as {@code post:{postId}:like_count} (a decimal string) with a TTL, except those of
 * deleted posts ({@code post:{postId}:deleted}), and publishes each written count as a {@link CountUpdate} on {@link
 * CountUpdate#CHANNEL} for the like API's live streams, all counts of a batch in one round trip. A batch's counts are
 * already one per post, so a hot post costs one message per batch, not one per like. PostgreSQL is the truth: a Redis
 * failure is logged and swallowed, never allowed
 * to fail or roll back the batch; the reader falls back to PostgreSQL on a miss and the TTL ends any stale value.
 */
@Component
public class CountCache {

    private static final Logger log = LoggerFactory.getLogger(CountCache.class);

    // The text, not the resource: a script backed by a resource asks the jar for its modification time on every call.
    private static final RedisScript<Long> WRITE_COUNTS =
            RedisScript.of(scriptText("scripts/write-counts.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final CacheProperties properties;

    CountCache(StringRedisTemplate redis, CacheProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** The Redis key of a post's count. */
    public static String key(String postId) {
        return "post:" + postId + ":like_count";
    }

    /** The Redis key marking a deleted post, whose count is no longer cached. */
    static String deletedKey(String postId) {
        return "post:" + postId + ":deleted";
    }

    /**
     * Writes absolute counts (already committed in PostgreSQL), except those of deleted posts, in one round trip.
     * Never throws.
     */
    public void write(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(counts.size() * 2);
        List<String> args = new ArrayList<>(counts.size() * 2 + 2);
        args.add(Long.toString(properties.ttl().toMillis()));
        args.add(CountUpdate.CHANNEL);
        counts.forEach((postId, count) -> {
            keys.add(key(postId));
            keys.add(deletedKey(postId));
            args.add(Long.toString(count));
            args.add(new CountUpdate(postId, count).toJson());
        });
        try {
            redis.execute(WRITE_COUNTS, keys, args.toArray());
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("posts", counts.size())
                    .addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("could not refresh cached counts; PostgreSQL has them, readers fall back to it");
        }
    }

    /**
     * Stops caching the counts of deleted posts: drops their cached counts and marks them, so the batches that still
     * count likes accepted just before the deletion do not cache them again. Throws when Redis fails, so the
     * deletion is retried rather than lost.
     */
    public void forget(List<String> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        Expiration markerTtl = Expiration.from(properties.deletedMarkerTtl());
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String postId : postIds) {
                connection.stringCommands().set(bytes(deletedKey(postId)), bytes("1"), markerTtl, SetOption.upsert());
                connection.keyCommands().del(bytes(key(postId)));
            }
            return null;
        });
    }

    private static String scriptText(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing Redis script " + path, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
