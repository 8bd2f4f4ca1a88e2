package dev.likes.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter against the real Redis of the machine (127.0.0.1:6379): how many round trips a user's requests cost,
 * and that two instances still share one budget when they synchronise with a delay.
 */
class RateLimiterSyncIT {

    private static final RateLimit USER = new RateLimit("user", true, 600, Duration.ofMinutes(1));

    private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    private final AtomicInteger commands = new AtomicInteger();
    private final String prefix = "rate-limit-it:" + UUID.randomUUID();

    RateLimiterSyncIT() {
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.incrementAndGet();
            }
        });
    }

    @AfterEach
    void shutDown() {
        client.shutdown();
    }

    @Test
    void checkedExactlyEveryRequestIsARoundTripToRedis() {
        RateLimiter exact = limiter(Duration.ZERO);

        int before = commands.get();
        for (int i = 0; i < 20; i++) {
            assertThat(exact.consume(USER, "alice").allowed()).isTrue();
        }

        assertThat(commands.get() - before).as("Redis commands for 20 requests").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aUsersFirstTwentiethOnAnInstanceCostsNoRoundTrip() {
        RateLimiter delayed = limiter(Duration.ofSeconds(30));

        int before = commands.get();
        for (int i = 0; i < 30; i++) {
            assertThat(delayed.consume(USER, "alice").allowed()).isTrue();
        }

        assertThat(commands.get() - before)
                .as("Redis commands for a twentieth of 600")
                .isZero();
    }

    @Test
    void theRequestAfterTheFirstTwentiethAppliesItToTheSharedBucket() {
        RateLimiter delayed = limiter(Duration.ofSeconds(30));
        RateLimiter exact = limiter(Duration.ZERO);

        int before = commands.get();
        for (int i = 0; i < 60; i++) {
            assertThat(delayed.consume(USER, "alice").allowed()).isTrue();
        }
        // The 31st request moves to Redis with the 30 taken locally; the next 29 stay below another twentieth.
        assertThat(commands.get() - before).as("Redis commands for 60 requests").isBetween(1, 3);

        // The shared bucket knows of the first 31 (the rest wait for the next sync); this takes one more. A token
        // refills every 100 ms, hence the slack.
        long remaining = exact.consume(USER, "alice").remaining();
        assertThat(remaining).isBetween(600L - 31 - 1, 600L - 31 - 1 + 20);
    }

    @Test
    void twoInstancesThatSyncWithADelayStillShareOneBudget() {
        var small = new RateLimit("user", true, 40, Duration.ofHours(1)); // a twentieth: 2 tokens unsynchronised
        RateLimiter first = limiter(Duration.ofSeconds(30));
        RateLimiter second = limiter(Duration.ofSeconds(30));

        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if ((i % 2 == 0 ? first : second).consume(small, "mallory").allowed()) {
                allowed++;
            }
        }

        // Each instance may overshoot by what it took since its last sync: at most a twentieth of the capacity.
        assertThat(allowed).isGreaterThanOrEqualTo(40).isLessThanOrEqualTo(40 + 2 * 2);
    }

    private RateLimiter limiter(Duration syncInterval) {
        var limiter = new RateLimiter(
                new RateLimitStore() {
                    private StatefulRedisConnection<String, byte[]> connection;

                    @Override
                    public ProxyManager<String> open() {
                        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                        return Bucket4jLettuce.casBasedBuilder(connection)
                                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                        Duration.ofSeconds(10)))
                                .build();
                    }

                    @Override
                    public void close() {
                        connection.close();
                    }
                },
                prefix,
                Duration.ofSeconds(5),
                new SimpleMeterRegistry(),
                Runnable::run,
                System::nanoTime,
                syncInterval,
                1_000);
        limiter.start(); // opens the store at once: the opener runs on the calling thread here
        return limiter;
    }
}
