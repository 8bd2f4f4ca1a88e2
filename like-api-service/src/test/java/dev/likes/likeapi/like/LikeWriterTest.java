package dev.likes.likeapi.like;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.likeapi.like.LikeWriter.Command;
import dev.likes.likeapi.like.LikeWriter.Op;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a group-commit batch is split into rounds (each key at most once per round, each key's commands in order), and
 * what never reaches a batch.
 */
class LikeWriterTest {

    @Test
    void distinctKeysMakeOneRoundInArrivalOrder() {
        var a = like("p1", "alice");
        var b = like("p1", "bob");
        var c = like("p2", "alice");

        assertThat(LikeWriter.rounds(List.of(a, b, c))).containsExactly(List.of(a, b, c));
    }

    @Test
    void theSameUserAndPostTwiceGoIntoSuccessiveRounds() {
        var first = like("p1", "alice");
        var second = unlike("p1", "alice");
        var third = toggle("p1", "alice");

        assertThat(LikeWriter.rounds(List.of(first, second, third)))
                .containsExactly(List.of(first), List.of(second), List.of(third));
    }

    @Test
    void repeatedKeysInterleavedWithOthersKeepEachKeysOrderAndPackTheRest() {
        var a1 = like("p1", "alice");
        var b1 = like("p1", "bob");
        var a2 = unlike("p1", "alice");
        var c1 = like("p2", "carol");
        var a3 = like("p1", "alice");
        var b2 = unlike("p1", "bob");

        assertThat(LikeWriter.rounds(List.of(a1, b1, a2, c1, a3, b2)))
                .containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(a3));
    }

    @Test
    void theSameUserOnAnotherPostIsAnotherKey() {
        var onP1 = like("p1", "alice");
        var onP2 = like("p2", "alice");

        assertThat(LikeWriter.rounds(List.of(onP1, onP2))).hasSize(1);
    }

    @Test
    void anEmptyBatchHasNoRounds() {
        assertThat(LikeWriter.rounds(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "al\u0000ice"})
    void anUnusableUserIdIsRefusedBeforeItIsQueued(String userId) {
        var writer = new LikeWriter(null, null, null, new LikeWriterProperties(256, 1, 10, Duration.ofSeconds(1)));

        assertThat(writer.submit(like("p1", userId)))
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LikeRefused.class);
    }

    @Test
    void aUserIdLongerThanTheColumnIsRefusedBeforeItIsQueued() {
        var writer = new LikeWriter(null, null, null, new LikeWriterProperties(256, 1, 10, Duration.ofSeconds(1)));

        assertThat(writer.submit(like("p1", "u".repeat(300))))
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LikeRefused.class);
    }

    private static Command like(String postId, String userId) {
        return new Command(Op.LIKE, postId, userId, "owner", null, null);
    }

    private static Command unlike(String postId, String userId) {
        return new Command(Op.UNLIKE, postId, userId, "owner", null, null);
    }

    private static Command toggle(String postId, String userId) {
        return new Command(Op.TOGGLE, postId, userId, "owner", null, null);
    }
}
