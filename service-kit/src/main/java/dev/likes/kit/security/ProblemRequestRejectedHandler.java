package dev.likes.kit.security;

import dev.likes.kit.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What Spring Security's firewall refuses (a {@code ;}, an encoded {@code .} or {@code %}, a {@code //}) answers 400
 * as a problem, counted as a refusal; the firewall's own answer went through Boot's error page as plain JSON.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private final ProblemResponses problems;

    public ProblemRequestRejectedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        problems.rejected("request-rejected");
        problems.write(
                response,
                problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "request-rejected",
                        "Request rejected",
                        "The request's path or headers are not allowed"));
    }
}
