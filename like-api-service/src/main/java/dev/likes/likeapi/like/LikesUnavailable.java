package dev.likes.likeapi.like;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The like could not be stored now (database unreachable, or too many waiting); nothing was changed, retry. */
class LikesUnavailable extends ApiProblem {

    LikesUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Likes unavailable", detail);
    }
}
