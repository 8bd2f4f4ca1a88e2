package dev.likes.kit.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets in the service's own Redis, over one connection of the Lettuce client Spring Data Redis already built (same
 * host, password, TLS and timeouts). A bucket key expires once the bucket would be full again, so idle users and
 * addresses leave nothing behind.
 */
class RedisRateLimitStore implements RateLimitStore {

    /** Kept a little past the refill, so a key never expires while its bucket still remembers spent tokens. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final LettuceConnectionFactory redis;
    private final Duration requestTimeout;
    private volatile StatefulRedisConnection<String, byte[]> connection;

    RedisRateLimitStore(LettuceConnectionFactory redis, Duration requestTimeout) {
        this.redis = redis;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public synchronized ProxyManager<String> open() {
        if (!(redis.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("the rate limiter supports a standalone Redis only");
        }
        close();
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .requestTimeout(requestTimeout)
                .build();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
