package dev.likes.counts.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class CountCacheTest {

    @Test
    void keysFollowTheSuitesNaming() {
        assertThat(CountCache.key("p1")).isEqualTo("post:p1:like_count");
    }

    @Test
    void anUnreachableRedisIsLoggedNotThrown() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofMillis(500))
                .clientOptions(ClientOptions.builder()
                        .socketOptions(SocketOptions.builder()
                                .connectTimeout(Duration.ofMillis(500))
                                .build())
                        .build())
                .build();
        var factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort), client);
        factory.afterPropertiesSet();
        factory.start();
        try {
            var cache = new CountCache(
                    new StringRedisTemplate(factory), new CacheProperties(Duration.ofMinutes(5), Duration.ofDays(7)));

            assertThatCode(() -> cache.write(Map.of("p1", 3L, "p2", 5L))).doesNotThrowAnyException();
        } finally {
            factory.destroy();
        }
    }
}
