package dev.likes.likeapi.stream;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** This instance already serves as many streams as it may; the client should retry later (or elsewhere). */
class TooManyStreams extends ApiProblem {

    TooManyStreams() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-streams",
                "Too many live streams",
                "This server has no room for another live stream now; retry later");
    }
}
