package dev.likes.counts.count;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The allowed moves of an event's {@link CountStatus}, exactly: PENDING to RETRYING, SUCCESS or FAILED; RETRYING to
 * RETRYING, SUCCESS or FAILED. SUCCESS and FAILED are terminal, so a counted event can never be counted again and a
 * failed one keeps its audit trail. Every status change the service writes is checked here first, and the SQL that
 * writes it repeats the allowed source states in its WHERE clause, so a racing writer cannot slip past.
 */
public final class CountStateMachine {

    private static final Map<CountStatus, Set<CountStatus>> ALLOWED = Map.of(
            CountStatus.PENDING, EnumSet.of(CountStatus.RETRYING, CountStatus.SUCCESS, CountStatus.FAILED),
            CountStatus.RETRYING, EnumSet.of(CountStatus.RETRYING, CountStatus.SUCCESS, CountStatus.FAILED),
            CountStatus.SUCCESS, EnumSet.noneOf(CountStatus.class),
            CountStatus.FAILED, EnumSet.noneOf(CountStatus.class));

    private CountStateMachine() {}

    /** Whether {@code from -> to} is an allowed move. */
    public static boolean allows(CountStatus from, CountStatus to) {
        return from != null && to != null && ALLOWED.get(from).contains(to);
    }

    /**
     * Checks a move.
     *
     * @return {@code to}
     * @throws IllegalTransition when the move is not allowed
     */
    public static CountStatus transition(CountStatus from, CountStatus to) {
        if (!allows(from, to)) {
            throw new IllegalTransition(from, to);
        }
        return to;
    }

    /** The states an event may be in to move to {@code to}, for the WHERE clause of the UPDATE that moves it. */
    static String[] sourcesOf(CountStatus to) {
        return ALLOWED.entrySet().stream()
                .filter(e -> e.getValue().contains(to))
                .map(e -> e.getKey().name())
                .sorted()
                .toArray(String[]::new);
    }

    /** A status change the state machine forbids. */
    public static final class IllegalTransition extends IllegalStateException {
        IllegalTransition(CountStatus from, CountStatus to) {
            super("Count event status may not move from " + from + " to " + to);
        }
    }
}
