package dev.likes.notifications.notification;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in user's side: every query is scoped by recipient, so no id can reach another user's entries. */
@Component
class NotificationInbox {

    private final NotificationStore store;

    NotificationInbox(NotificationStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    NotificationPage page(String recipientId, int page, int size) {
        List<NotificationView> items = store.page(recipientId, page, size);
        long[] totals = store.totals(recipientId);
        return new NotificationPage(items, page, size, totals[0], totals[1]);
    }

    /** Marks one entry read; reading it twice is fine, someone else's entry is not found. */
    @Transactional
    void markRead(String recipientId, long id) {
        if (!store.markRead(recipientId, id)) {
            throw new NotificationNotFound(id);
        }
    }

    /** Marks every unread entry read and says how many changed. */
    @Transactional
    int markAllRead(String recipientId) {
        return store.markAllRead(recipientId);
    }
}
