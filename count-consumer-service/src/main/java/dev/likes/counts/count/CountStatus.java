package dev.likes.counts.count;

/** Where an event is on its way into a post's count; stored in {@code count_events.status}. */
public enum CountStatus {
    /** Received, not yet counted. */
    PENDING,
    /** Counting failed at least once; the retrier tries again at {@code next_attempt_at}. */
    RETRYING,
    /** Counted, exactly once. Terminal. */
    SUCCESS,
    /** Given up on after the last retry; the event is on the DLQ. Terminal (a replay records {@code replayed_at}). */
    FAILED
}
