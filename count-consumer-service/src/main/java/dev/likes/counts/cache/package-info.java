/** The Redis copy of each post's count, {@code post:{postId}:like_count}, that the like API serves reads from. */
package dev.likes.counts.cache;
