package dev.likes.counts.cache;

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
 * Writes committed counts to Redis as {@code post:{postId}:like_count} (a decimal string) with a TTL, all counts of a
 * batch in one pipelined round trip. PostgreSQL is the truth: a Redis failure is logged and swallowed, never allowed
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
