package dev.likes.likeapi.like;

import dev.likes.likeapi.post.PostId;

/** The body of the older clients' toggle call, {@code POST /like}. */
record ToggleLikeRequest(@PostId String postId) {}
