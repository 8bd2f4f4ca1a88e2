package dev.likes.likeapi.like;

/**
 * The answer to a like, unlike or toggle.
 *
 * @param liked whether the caller likes the post now
 * @param changed whether this request changed it (false for a repeated like or an unlike of a post not liked)
 * @param traceId the request's trace, to find its log lines and events
 */
record LikeResult(String postId, boolean liked, boolean changed, String traceId) {}
