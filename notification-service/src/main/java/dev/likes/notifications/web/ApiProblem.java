package dev.likes.notifications.web;

import org.springframework.http.HttpStatus;

/**
 * A domain error a client can act on. Subclasses name the {@code urn:likes:problem:*} type clients branch on; the
 * message is shown to the client, so it never carries internals.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final String title;

    protected ApiProblem(HttpStatus status, String problemType, String title, String detail) {
        super(detail, null, false, false); // a client error needs no stack trace
        this.status = status;
        this.problemType = problemType;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String problemType() {
        return problemType;
    }

    String title() {
        return title;
    }
}
