package dev.likes.feed.trending;

import dev.likes.events.LikeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The sorted set {@code feed:trending} (member postId, score in {@link HotScore}'s log form) and the dedupe markers
 * {@code feed:event:{eventId}} and the deletion markers {@code feed:post:{postId}:deleted} (names with the default {@code likes.feed.key-prefix}). Every key but the sorted set has a TTL; the set is kept bounded instead.
 */
@Component
class TrendingScores {

    // The text, not the resource: a script backed by a resource asks the jar for its modification time on every call.
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> APPLY_BOOSTS =
            RedisScript.of(scriptText("scripts/apply-boosts.lua"), List.class);

    private final StringRedisTemplate redis;
    private final FeedProperties properties;
    private final Clock clock;

    TrendingScores(StringRedisTemplate redis, FeedProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /**
     * Applies the events in one round trip, atomically, each at most once however often it is delivered.
     *
     * @return per event, whether it was applied now ({@code false}: it had been before)
     */
    List<Boolean> apply(List<LikeEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>(events.size() * 2 + 1);
        List<String> args = new ArrayList<>(events.size() * 3 + 3);
        keys.add(properties.trendingKey());
        args.add(String.valueOf(properties.dedupeTtl().toSeconds()));
        args.add(String.valueOf(HotScore.storedCutoff(properties.minScore(), now, properties.halfLife())));
        args.add(String.valueOf(properties.maxEntries()));
        for (LikeEvent event : events) {
            keys.add(properties.eventKey(event.eventId()));
        }
        for (LikeEvent event : events) {
            keys.add(properties.deletedKey(event.postId()));
        }
        for (LikeEvent event : events) {
            // A clock running ahead must not buy a post a head start that lasts for ever.
            Instant at = event.occurredAt().isAfter(now) ? now : event.occurredAt();
            args.add(event.postId());
            args.add(String.valueOf(event.countDelta()));
            args.add(String.valueOf(HotScore.logWeight(at, properties.halfLife())));
        }
        List<?> applied = redis.execute(APPLY_BOOSTS, keys, args.toArray());
        List<Boolean> result = new ArrayList<>(events.size());
        for (Object flag : applied) {
            result.add(((Number) flag).longValue() == 1L);
        }
        return result;
    }

    /**
     * Drops deleted posts from trending and marks them deleted, so later boosts of them (likes accepted just before the
     * deletion, still on their way) are ignored. Idempotent, so a redelivered deletion changes nothing.
     */
    void forget(List<String> postIds) {
        if (postIds.isEmpty()) {
            return;
        }
        Duration ttl = properties.dedupeTtl();
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object execute(RedisOperations operations) {
                for (String postId : postIds) {
                    operations.opsForValue().set(properties.deletedKey(postId), "1", ttl);
                }
                operations.opsForZSet().remove(properties.trendingKey(), postIds.toArray());
                return null;
            }
        });
    }

    private static String scriptText(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing Redis script " + path, e);
        }
    }

    /** The hottest posts now, hottest first, with their current scores; posts below the minimum score are left out. */
    List<TrendingPost> top(int limit) {
        Instant now = clock.instant();
        double cutoff = HotScore.storedCutoff(properties.minScore(), now, properties.halfLife());
        var entries = redis.opsForZSet()
                .reverseRangeByScoreWithScores(properties.trendingKey(), cutoff, Double.POSITIVE_INFINITY, 0, limit);
        if (entries == null) {
            return List.of();
        }
        List<TrendingPost> posts = new ArrayList<>(entries.size());
        for (ZSetOperations.TypedTuple<String> entry : entries) {
            posts.add(
                    new TrendingPost(entry.getValue(), HotScore.current(entry.getScore(), now, properties.halfLife())));
        }
        return posts;
    }
}
