/** The retry state machine's driver: parked events are retried with exponential backoff until counted or FAILED. */
package dev.likes.counts.retry;
