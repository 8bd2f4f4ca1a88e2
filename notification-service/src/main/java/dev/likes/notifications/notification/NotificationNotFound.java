package dev.likes.notifications.notification;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The id is unknown or belongs to someone else; both answer alike so ids reveal nothing about other users. */
class NotificationNotFound extends ApiProblem {

    NotificationNotFound(long id) {
        super(HttpStatus.NOT_FOUND, "notification-not-found", "Notification not found", "No notification " + id);
    }
}
