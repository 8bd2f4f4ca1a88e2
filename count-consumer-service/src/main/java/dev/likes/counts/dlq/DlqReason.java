package dev.likes.counts.dlq;

import java.util.Locale;

/** Why a record went to the DLQ; also the {@code reason} tag of {@code likes.counts.dlq}. */
public enum DlqReason {
    /** Unreadable: no retry can fix it. */
    POISON,
    /** Counting failed on every retry. */
    EXHAUSTED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
