/**
 * Applies likes.events to post_counts exactly once: the batched consumer, the count_events store with its state
 * machine, the metrics and the schedules. Retries live in {@code retry}, the dead-letter queue in {@code dlq}.
 */
package dev.likes.counts.count;
