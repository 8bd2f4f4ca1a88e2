/** Deleted posts: forgetting their unread notifications, and notifying and pushing nothing more for them. */
package dev.likes.notifications.post;
