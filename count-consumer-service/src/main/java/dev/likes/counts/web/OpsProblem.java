package dev.likes.counts.web;

import org.springframework.http.HttpStatus;

/**
 * An operator call that could not be done. The message is shown to the caller, so it never carries internals; the
 * cause is logged once by the advice.
 */
public class OpsProblem extends RuntimeException {

    private final HttpStatus status;
    private final String problemType;
    private final String title;

    public OpsProblem(HttpStatus status, String problemType, String title, String detail, Throwable cause) {
        super(detail, cause);
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
