package dev.likes.feed.trending;

/**
 * One entry of the trending list.
 *
 * @param postId the post
 * @param score its current hot score: each like counts 1 when fresh and half as much every half-life
 */
record TrendingPost(String postId, double score) {}
