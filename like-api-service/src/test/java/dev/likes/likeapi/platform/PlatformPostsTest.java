package dev.likes.likeapi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.PostEvent;
import dev.likes.events.PostEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformPostsTest {

    @Test
    void eachRoundHoldsAPostOnceAndKeepsEachPostsOrder() {
        List<PostEvent> events = List.of(
                event(PostEventType.POST_CREATED, "a"),
                event(PostEventType.POST_CREATED, "b"),
                event(PostEventType.POST_DELETED, "a"),
                event(PostEventType.UNKNOWN, "a"),
                event(PostEventType.POST_CREATED, "a"),
                event(PostEventType.POST_DELETED, "c"));
        var results = new PlatformPosts.Result[events.size()];

        var rounds = PlatformPosts.rounds(events, results);

        assertThat(rounds).containsExactly(List.of(0, 1, 5), List.of(2), List.of(4));
        assertThat(results[3]).isEqualTo(PlatformPosts.Result.SKIPPED);
    }

    private static PostEvent event(PostEventType type, String postId) {
        return new PostEvent(null, type, postId, "owner", Instant.EPOCH, 1);
    }
}
