package dev.likes.kit.web;

import org.springframework.http.HttpStatus;

/**
 * A domain error a client can act on. Subclasses name the {@code urn:likes:problem:*} type clients branch on; the
 * message is shown to the client, so it never carries internals. A cause, if given, is logged once by the advice.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final String title;

    protected ApiProblem(HttpStatus status, String problemType, String title, String detail) {
        this(status, problemType, title, detail, null);
    }

    protected ApiProblem(HttpStatus status, String problemType, String title, String detail, Throwable cause) {
        super(detail, cause, false, false); // the answer needs no stack trace; a cause keeps its own
        this.status = status;
        this.problemType = problemType;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The last segment of the problem's type, e.g. {@code post-not-found}. */
    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }
}
