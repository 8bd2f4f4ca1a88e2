package dev.likes.likeapi.post;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /posts}; the id is optional, and generated when absent. The owner is optional too: absent,
 * it is the caller; another owner than the caller needs a {@code posts:write} token.
 */
record CreatePostRequest(
        @Pattern(regexp = PostId.PATTERN, message = "must be 1 to 100 characters of A-Z, a-z, 0-9, '_' or '-'")
                String id,
        @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String ownerId) {}
