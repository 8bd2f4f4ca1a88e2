package dev.likes.kit.web;

/**
 * Told of every request the service refused on purpose: a domain problem ({@link ApiProblem}), a missing or bad token
 * (401) or a forbidden call (403). Framework errors (404 route, 405, 415) and failures (500) are not refusals.
 * A service declares a bean of this type to count them, e.g. like-api's {@code likes.api.rejected}.
 */
@FunctionalInterface
public interface RejectionListener {

    /** @param problemType the last segment of the problem's type, a small fixed set fit for a metric tag */
    void rejected(String problemType);
}
