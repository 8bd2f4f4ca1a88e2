package dev.likes.likeapi.post;

/** A post as the API shows it. */
record PostView(String id, String ownerId, long likeCount, boolean likedByMe) {}
