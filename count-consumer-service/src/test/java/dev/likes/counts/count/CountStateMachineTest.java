package dev.likes.counts.count;

import static dev.likes.counts.count.CountStatus.FAILED;
import static dev.likes.counts.count.CountStatus.PENDING;
import static dev.likes.counts.count.CountStatus.RETRYING;
import static dev.likes.counts.count.CountStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.likes.counts.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountStateMachineTest {

    private static final Set<String> ALLOWED = Set.of(
            "PENDING->RETRYING",
            "PENDING->SUCCESS",
            "PENDING->FAILED",
            "RETRYING->RETRYING",
            "RETRYING->SUCCESS",
            "RETRYING->FAILED");

    @Test
    void allowsExactlyTheMovesOfTheIssue() {
        List<String> allowed = new ArrayList<>();
        for (CountStatus from : CountStatus.values()) {
            for (CountStatus to : CountStatus.values()) {
                if (CountStateMachine.allows(from, to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(ALLOWED);
    }

    @Test
    void rejectsEveryOtherMove() {
        for (CountStatus from : CountStatus.values()) {
            for (CountStatus to : CountStatus.values()) {
                if (!ALLOWED.contains(from + "->" + to)) {
                    assertThatThrownBy(() -> CountStateMachine.transition(from, to))
                            .isInstanceOf(CountStateMachine.IllegalTransition.class)
                            .hasMessageContaining(from + " to " + to);
                }
            }
        }
    }

    @Test
    void terminalStatesCannotBeLeftNorReentered() {
        assertThatThrownBy(() -> CountStateMachine.transition(SUCCESS, SUCCESS))
                .isInstanceOf(CountStateMachine.IllegalTransition.class);
        assertThatThrownBy(() -> CountStateMachine.transition(FAILED, RETRYING))
                .isInstanceOf(CountStateMachine.IllegalTransition.class);
        assertThatThrownBy(() -> CountStateMachine.transition(SUCCESS, PENDING))
                .isInstanceOf(CountStateMachine.IllegalTransition.class);
        assertThatThrownBy(() -> CountStateMachine.transition(RETRYING, PENDING))
                .isInstanceOf(CountStateMachine.IllegalTransition.class);
        assertThat(CountStateMachine.allows(null, SUCCESS)).isFalse();
    }

    @Test
    void sqlGuardListsTheSourcesOfEachTarget() {
        assertThat(CountStateMachine.sourcesOf(SUCCESS)).containsExactly("PENDING", "RETRYING");
        assertThat(CountStateMachine.sourcesOf(RETRYING)).containsExactly("PENDING", "RETRYING");
        assertThat(CountStateMachine.sourcesOf(PENDING)).isEmpty();
    }

    @Test
    void backoffDoublesFromOneSecondForFiveRetriesThenGivesUp() {
        var policy = new RetryPolicy(Duration.ofSeconds(1), 2.0, 5);

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::delayBefore))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16));
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }
}
