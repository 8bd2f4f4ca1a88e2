package dev.likes.notifications.notification;

/** The one line a client shows for an entry, so every client words a group the same way. */
final class NotificationText {

    private NotificationText() {}

    static String render(String latestActorId, int actorCount, String postId) {
        if (actorCount <= 1) {
            return latestActorId + " liked your post " + postId;
        }
        int others = actorCount - 1;
        return latestActorId + " and " + others + (others == 1 ? " other" : " others") + " liked your post " + postId;
    }
}
