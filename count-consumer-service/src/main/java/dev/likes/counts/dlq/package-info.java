/** The dead-letter queue: publishing poison and exhausted events to likes.events.dlq, and the operator's replay. */
package dev.likes.counts.dlq;
