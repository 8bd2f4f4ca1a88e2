package dev.likes.likeapi.stream;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A stream asked to follow more posts than one stream may. */
class TooManyPosts extends ApiProblem {

    TooManyPosts(int max) {
        super(HttpStatus.BAD_REQUEST, "http-400", "Too many posts", "A stream follows at most " + max + " posts");
    }
}
