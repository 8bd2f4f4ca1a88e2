package dev.likes.kit.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A store that is out of reach or overloaded for a moment (no pooled connection within the pool's timeout, a refused
 * Redis connection, a statement timeout, a deadlock victim) is the service's temporary state, not a bug: the answer
 * is a 503 {@code unavailable} with {@code Retry-After}, which clients and load balancers retry, instead of the 500
 * that says "do not bother". Nothing was changed by the request. Ahead of {@link ProblemDetailsAdvice}, whose catch-all
 * would otherwise take these exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DataAccessProblemsAdvice {

    private static final Logger log = LoggerFactory.getLogger(DataAccessProblemsAdvice.class);
    static final String RETRY_AFTER_SECONDS = "1";

    private final ProblemResponses problems;

    public DataAccessProblemsAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class
    })
    ProblemDetail unavailable(RuntimeException e, HttpServletResponse response) {
        // One line, no stack: under overload there are thousands, and the cause is the store's state, not the code.
        log.atWarn()
                .addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                .log("store unavailable; answered 503");
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "Temporarily unavailable",
                "A store this request needs is out of reach or overloaded; nothing was changed, retry shortly");
    }
}
