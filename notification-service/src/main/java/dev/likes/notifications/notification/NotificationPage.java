package dev.likes.notifications.notification;

import java.util.List;

/** A page of the signed-in user's entries, newest activity first, with the badge count. */
record NotificationPage(List<NotificationView> items, int page, int size, long totalElements, long unreadCount) {}
