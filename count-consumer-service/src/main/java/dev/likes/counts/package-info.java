/** Keeps every post's like count exactly once from likes.events, and the Redis count cache fresh. */
package dev.likes.counts;
