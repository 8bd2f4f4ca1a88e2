package dev.likes.likeapi.post;

import dev.likes.kit.security.Scopes;
import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A user token acting on a post of another owner; only a {@code posts:write} service token may. */
class NotYourPost extends ApiProblem {

    NotYourPost(String what) {
        super(
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                what + " needs the post's owner's token or the scope " + Scopes.POSTS_WRITE);
    }
}
