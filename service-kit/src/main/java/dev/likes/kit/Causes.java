package dev.likes.kit;

/** Failure text for log key-values: the root cause's class and first line, short enough for one searchable field. */
public final class Causes {

    private Causes() {}

    /** The innermost cause as {@code SimpleName: first line of its message}. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
