/** Owners' like notifications: exactly-once storage from Kafka, grouping of viral posts, and the read API. */
package dev.likes.notifications.notification;
