package dev.likes.likeapi.outbox;

/**
 * Which lane a post's events take. A post always maps to the same lane, and one relay at a time publishes a lane, so a
 * post's events leave in the order they were written while different lanes are published in parallel.
 *
 * <p>The lane is a function of the post id and the lane count only ({@link String#hashCode()} is fixed by the Java
 * language specification), so every instance computes the same lane for the same post.
 */
record OutboxLanes(int count) {

    OutboxLanes {
        if (count < 1 || count > Short.MAX_VALUE) {
            throw new IllegalArgumentException("lanes must be between 1 and " + Short.MAX_VALUE + ", not " + count);
        }
    }

    int of(String postId) {
        return Math.floorMod(postId.hashCode(), count);
    }
}
