/**
 * Applies likes.events to post_counts exactly once: the batched consumer, the retry state machine and its retrier,
 * the dead-letter queue and its replay.
 */
package dev.likes.counts.count;
