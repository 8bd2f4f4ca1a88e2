package dev.likes.likeapi.like;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** This one like cannot be stored (the database refuses it, or its user id is unusable); retrying will not help. */
class LikeRefused extends ApiProblem {

    LikeRefused(String detail) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "like-refused", "Like refused", detail);
    }
}
