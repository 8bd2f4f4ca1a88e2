package dev.likes.events;

/** What happened to a like. */
public enum LikeEventType {
    /** The user now likes the post and did not before. */
    LIKED(1),
    /** The user no longer likes the post and did before. */
    UNLIKED(-1);

    private final int countDelta;

    LikeEventType(int countDelta) {
        this.countDelta = countDelta;
    }

    /** What an event of this type does to the post's like count. */
    public int countDelta() {
        return countDelta;
    }
}
