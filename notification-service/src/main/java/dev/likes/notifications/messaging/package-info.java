/** Kafka plumbing shared by the listeners: error handling with backoff and the dead-letter topics. */
package dev.likes.notifications.messaging;
