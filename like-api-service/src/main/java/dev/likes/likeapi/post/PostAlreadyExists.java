package dev.likes.likeapi.post;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A post with this id is already registered. */
class PostAlreadyExists extends ApiProblem {

    PostAlreadyExists(String postId) {
        super(HttpStatus.CONFLICT, "post-exists", "Post already exists", "A post " + postId + " already exists");
    }
}
