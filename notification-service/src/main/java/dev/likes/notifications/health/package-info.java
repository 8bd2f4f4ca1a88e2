/** Readiness: this service takes work only while the Kafka broker it consumes from answers. */
package dev.likes.notifications.health;
