/** What the listeners share: Kafka error handling with backoff and the dead-letter topics, and the dedupe table. */
package dev.likes.notifications.messaging;
