package dev.likes.kit.security;

/**
 * What a user id (a token's {@code sub}) must be before anything stores it: the token rules refuse any other, and a
 * writer that queues user ids checks again, so one unusable id cannot fail a batch of other users' writes.
 */
public final class Subjects {

    /** The suite's user id columns are {@code varchar(255)}, which PostgreSQL counts in characters (code points). */
    public static final int MAX_LENGTH = 255;

    private Subjects() {}

    /** Non-blank, at most {@link #MAX_LENGTH} characters, and printable: PostgreSQL refuses NUL in text outright. */
    public static boolean isUsable(String subject) {
        if (subject == null || subject.isBlank() || subject.codePointCount(0, subject.length()) > MAX_LENGTH) {
            return false;
        }
        return subject.codePoints().allMatch(Subjects::isPrintable);
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
