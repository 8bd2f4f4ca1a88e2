package dev.likes.likeapi.post;

import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /posts}; the id is optional, and generated when absent. */
record CreatePostRequest(
        @Pattern(regexp = PostId.PATTERN, message = "must be 1 to 100 characters of A-Z, a-z, 0-9, '_' or '-'")
                String id) {}
