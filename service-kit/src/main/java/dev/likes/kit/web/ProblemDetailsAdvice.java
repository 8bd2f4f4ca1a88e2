package dev.likes.kit.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answers as an RFC 9457 problem with a stable {@code type}, a detail without internals, and the trace
 * id. Spring MVC's own errors (400, 404, 405, 415, ...) come through the base class; domain errors through {@link
 * ApiProblem}; anything unexpected is a 500 whose detail says nothing about the code.
 *
 * <p>Last in order: its {@code Exception} handler catches everything, so a service's own advice must come first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final ProblemResponses problems;

    public ProblemDetailsAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail apiProblem(ApiProblem e) {
        if (e.getCause() != null) {
            log.atError().setCause(e.getCause()).log(e.getMessage());
        }
        problems.rejected(e.problemType());
        return problems.problem(e.status(), e.problemType(), e.title(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.atError().setCause(e).log("request failed unexpectedly");
        return problems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                null,
                "Something went wrong on our side; quote the traceId when reporting");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // Spring MVC's own handlers pass a null body and the base class builds the ProblemDetail, so the type and the
        // trace id go onto its answer, never onto the argument (checking the argument lost both on every 404/405/415).
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null
                    || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create(ProblemResponses.TYPE_PREFIX + "http-" + statusCode.value()));
            }
            problems.withTraceId(problem);
        }
        return response;
    }
}
