package dev.likes.orchestrator.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FanOutRulesTest {

    @Test
    void aLikeBySomeoneElseGoesToAllThreeTopics() {
        var route = FanOutRules.route(event(LikeEventType.LIKED, "owner", "alice"));

        assertThat(route.topics()).containsExactlyInAnyOrder(Topics.NOTIFY_OWNER, Topics.PUSH, Topics.FEED_BOOST);
        assertThat(route.skippedSelfLike()).isFalse();
    }

    @Test
    void aSelfLikeOnlyBoostsTheFeed() {
        var route = FanOutRules.route(event(LikeEventType.LIKED, "owner", "owner"));

        assertThat(route.topics()).containsExactly(Topics.FEED_BOOST);
        assertThat(route.skippedSelfLike()).isTrue();
    }

    @Test
    void anUnlikeLowersTheBoostAndRetractsTheNotificationButPushesNothing() {
        var route = FanOutRules.route(event(LikeEventType.UNLIKED, "owner", "alice"));

        assertThat(route.topics()).containsExactlyInAnyOrder(Topics.NOTIFY_OWNER, Topics.FEED_BOOST);
        assertThat(route.skippedSelfLike()).isFalse();
    }

    @Test
    void aSelfUnlikeOnlyLowersTheBoost() {
        var route = FanOutRules.route(event(LikeEventType.UNLIKED, "owner", "owner"));

        assertThat(route.topics()).containsExactly(Topics.FEED_BOOST);
        assertThat(route.skippedSelfLike()).isTrue();
    }

    @Test
    void anEventWithoutOwnerOnlyBoostsTheFeed() {
        var route = FanOutRules.route(event(LikeEventType.LIKED, null, "alice"));

        assertThat(route.topics()).containsExactly(Topics.FEED_BOOST);
        assertThat(route.skippedSelfLike()).isFalse();
    }

    private static LikeEvent event(LikeEventType type, String owner, String user) {
        return LikeEvent.of(type, "post-1", owner, user, Instant.parse("2026-01-01T00:00:00Z"), null);
    }
}
