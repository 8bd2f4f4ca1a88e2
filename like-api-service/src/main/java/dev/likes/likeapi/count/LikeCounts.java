package dev.likes.likeapi.count;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A post's like count for readers: Redis {@code post:{id}:like_count}, which the count consumer refreshes after every
 * batch, and on a miss the like rows themselves, which are the truth (and then Redis again).
 *
 * <p>Redis sits behind a circuit breaker: while it is down the breaker is open and reads go straight to PostgreSQL,
 * so a dead cache costs no timeouts, only database reads.
 */
@Component
public class LikeCounts {

    private static final Logger log = LoggerFactory.getLogger(LikeCounts.class);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final CountCacheProperties properties;

    LikeCounts(
            JdbcClient jdbc,
            StringRedisTemplate redis,
            CircuitBreakerRegistry breakers,
            CountCacheProperties properties) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.breaker = breakers.circuitBreaker("redis");
        this.properties = properties;
    }

    /** The number of users who like the post now (as of the last applied batch when served from the cache). */
    public long countOf(String postId) {
        Optional<Long> cached = cached(postId);
        if (cached.isPresent()) {
            return cached.get();
        }
        long count = jdbc.sql("SELECT count(*) FROM likes WHERE post_id = ?")
                .param(postId)
                .query(Long.class)
                .single();
        remember(postId, count);
        return count;
    }

    static String key(String postId) {
        return "post:" + postId + ":like_count";
    }

    private Optional<Long> cached(String postId) {
        try {
            String value = breaker.executeSupplier(() -> redis.opsForValue().get(key(postId)));
            return Optional.ofNullable(value).map(Long::valueOf);
        } catch (RuntimeException e) {
            log.atDebug().addKeyValue("cause", e.toString()).log("count cache unavailable; reading PostgreSQL");
            return Optional.empty();
        }
    }

    private void remember(String postId, long count) {
        try {
            // Only if absent: the count consumer's value, written after its batch, is never overwritten by ours.
            breaker.executeRunnable(
                    () -> redis.opsForValue().setIfAbsent(key(postId), Long.toString(count), properties.ttl()));
        } catch (RuntimeException e) {
            log.atDebug().addKeyValue("cause", e.toString()).log("count cache unavailable; not repopulated");
        }
    }
}
