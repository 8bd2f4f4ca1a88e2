package dev.likes.counts.cache;

import dev.likes.events.CountUpdate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

/**
 * Writes committed counts to Redis as {@code post:{postId}:like_count} (a decimal string) with a TTL, and publishes
 * each as a {@link CountUpdate} on {@link CountUpdate#CHANNEL} for the like API's live streams, all counts of a batch
 * in one pipelined round trip. A batch's counts are already one per post, so a hot post costs one message per batch,
 * not one per like. PostgreSQL is the truth: a Redis failure is logged and swallowed, never allowed
 * to fail or roll back the batch; the reader falls back to PostgreSQL on a miss and the TTL ends any stale value.
 */
@Component
public class CountCache {

    private static final Logger log = LoggerFactory.getLogger(CountCache.class);

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

    /** Writes absolute counts (already committed in PostgreSQL). Never throws. */
    public void write(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        Expiration ttl = Expiration.from(properties.ttl());
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                counts.forEach((postId, count) -> connection
                        .stringCommands()
                        .set(bytes(key(postId)), bytes(Long.toString(count)), ttl, SetOption.upsert()));
                // After the writes: a stream client that re-reads on an update reads the new value, not the old.
                counts.forEach((postId, count) ->
                        connection.publish(bytes(CountUpdate.CHANNEL), bytes(new CountUpdate(postId, count).toJson())));
                return null;
            });
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("posts", counts.size())
                    .addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("could not refresh cached counts; PostgreSQL has them, readers fall back to it");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
