/**
 * Checks recently touched counts against the like rows, reports the drift as a metric and repairs it. Holds the one
 * cross-schema read of the suite: a read-only count of {@code like_api.likes}, and whether a post still has events in
 * {@code like_api.outbox}.
 */
package dev.likes.counts.reconciliation;
