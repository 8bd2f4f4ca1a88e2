package dev.likes.likeapi.post;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** No post has this id. */
public class PostNotFound extends ApiProblem {

    public PostNotFound(String postId) {
        super(HttpStatus.NOT_FOUND, "post-not-found", "Post not found", "No post " + postId);
    }
}
