package dev.likes.kit.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page as a problem: what the servlet container forwards here (a {@code sendError} outside Spring MVC, an
 * exception in a filter) answers problem+json with the suite's {@code type} and the trace id, never Boot's plain
 * JSON and never a detail from the exception. Asked for directly, there is no such resource: 404, not the 500 Boot's
 * controller gave for an error that never happened.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    public ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = forwarded instanceof Integer code ? HttpStatusCode.valueOf(code) : HttpStatus.NOT_FOUND;
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side; quote the traceId when reporting"
                : forwarded == null ? "No such resource" : title;
        return ResponseEntity.status(status)
                .body(problems.problem(
                        status, status.is5xxServerError() ? "internal" : "http-" + status.value(), title, detail));
    }
}
