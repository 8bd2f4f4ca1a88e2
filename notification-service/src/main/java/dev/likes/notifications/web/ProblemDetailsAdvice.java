package dev.likes.notifications.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final Traces traces;

    ProblemDetailsAdvice(Traces traces) {
        this.traces = traces;
    }

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail apiProblem(ApiProblem e) {
        var problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create("urn:likes:problem:" + e.problemType()));
        problem.setTitle(e.title());
        return withTraceId(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.atError().setCause(e).log("request failed unexpectedly");
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; quote the traceId when reporting");
        problem.setType(URI.create("urn:likes:problem:internal"));
        return withTraceId(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null
                    || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create("urn:likes:problem:http-" + statusCode.value()));
            }
            withTraceId(problem);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private ProblemDetail withTraceId(ProblemDetail problem) {
        traces.currentTraceId().ifPresent(id -> problem.setProperty("traceId", id));
        return problem;
    }
}
