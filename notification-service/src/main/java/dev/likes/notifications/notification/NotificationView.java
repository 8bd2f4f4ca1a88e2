package dev.likes.notifications.notification;

import java.time.Instant;

/**
 * One entry as a client sees it.
 *
 * @param actorId the latest actor of the group
 * @param actorCount how many people the entry stands for, the latest actor included
 * @param text the rendered line, e.g. "alice and 41 others liked your post p1"
 */
record NotificationView(
        long id,
        String type,
        String postId,
        String actorId,
        int actorCount,
        String text,
        Instant createdAt,
        Instant updatedAt,
        Instant readAt,
        boolean read) {

    static NotificationView of(
            long id,
            String type,
            String postId,
            String actorId,
            int actorCount,
            Instant createdAt,
            Instant updatedAt,
            Instant readAt) {
        return new NotificationView(
                id,
                type,
                postId,
                actorId,
                actorCount,
                NotificationText.render(actorId, actorCount, postId),
                createdAt,
                updatedAt,
                readAt,
                readAt != null);
    }
}
