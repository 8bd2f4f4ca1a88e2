package dev.likes.counts.web;

import dev.likes.kit.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * An operator call that could not be done. The message is shown to the caller, so it never carries internals; the
 * cause is logged once by the kit's advice.
 */
public class OpsProblem extends ApiProblem {

    public OpsProblem(HttpStatus status, String problemType, String title, String detail, Throwable cause) {
        super(status, problemType, title, detail, cause);
    }
}
