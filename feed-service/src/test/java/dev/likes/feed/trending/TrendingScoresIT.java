package dev.likes.feed.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.testsupport.LikesInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Lua script against the real Redis, with limits small enough to see: trimming, the threshold, the TTLs. */
class TrendingScoresIT {

    private static final Duration HALF_LIFE = Duration.ofHours(6);

    private final FeedProperties properties = new FeedProperties(
            HALF_LIFE,
            Duration.ofHours(1),
            3,
            0.01,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            0,
            "it-" + UUID.randomUUID() + ":feed:");

    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private TrendingScores scores;

    @BeforeEach
    void connect() {
        var infrastructure = LikesInfrastructure.get();
        connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(infrastructure.redisHost(), infrastructure.redisPort()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        scores = new TrendingScores(redis, properties);
    }

    @AfterEach
    void cleanUpAndDisconnect() {
        redis.delete(properties.trendingKey());
        connections.destroy();
    }

    @Test
    void theSortedSetKeepsOnlyTheHottestMaxEntries() {
        Instant now = Instant.now();
        List<LikeEvent> events = new ArrayList<>();
        for (int likes = 1; likes <= 5; likes++) {
            for (int i = 0; i < likes; i++) {
                events.add(like("post-" + likes, now));
            }
        }

        scores.apply(events);

        assertThat(redis.opsForZSet().zCard(properties.trendingKey())).isEqualTo(3);
        assertThat(scores.top(100)).extracting(TrendingPost::postId).containsExactly("post-5", "post-4", "post-3");
    }

    @Test
    void aPostWhoseScoreIsBelowTheMinimumIsDropped() {
        Instant now = Instant.now();

        // One like 48 h old is worth 2^-8 ≈ 0.004 at a 6 h half-life, under the 0.01 minimum.
        scores.apply(List.of(like("stale", now.minus(Duration.ofHours(48))), like("fresh", now)));

        assertThat(redis.opsForZSet().score(properties.trendingKey(), "stale")).isNull();
        assertThat(scores.top(100)).singleElement().satisfies(post -> {
            assertThat(post.postId()).isEqualTo("fresh");
            assertThat(post.score()).isCloseTo(1.0, within(0.01));
        });
    }

    @Test
    void anEventTwiceInOneBatchIsAppliedOnceAndItsMarkerExpires() {
        var like = like("twice", Instant.now());

        List<Boolean> applied = scores.apply(List.of(like, like));
        List<Boolean> redelivered = scores.apply(List.of(like));

        assertThat(applied).containsExactly(true, false);
        assertThat(redelivered).containsExactly(false);
        assertThat(scores.top(100)).singleElement().satisfies(post -> assertThat(post.score())
                .isCloseTo(1.0, within(0.01)));
        assertThat(redis.getExpire(properties.eventKey(like.eventId()))).isBetween(1L, 3600L);
    }

    @Test
    void anUnlikeOfAPostWithoutScoreLeavesNoEntry() {
        scores.apply(List.of(LikeEvent.of(LikeEventType.UNLIKED, "gone", "owner", "alice", Instant.now(), null)));

        assertThat(redis.opsForZSet().score(properties.trendingKey(), "gone")).isNull();
    }

    private static LikeEvent like(String postId, Instant at) {
        return LikeEvent.of(LikeEventType.LIKED, postId, "owner", "user-" + UUID.randomUUID(), at, null);
    }
}
