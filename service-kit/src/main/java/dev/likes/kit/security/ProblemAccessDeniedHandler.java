package dev.likes.kit.security;

import dev.likes.kit.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** A valid token that may not do this: 403 as problem+json, counted as a refusal. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemResponses problems;

    public ProblemAccessDeniedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.rejected("forbidden");
        problems.write(response, problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Not allowed"));
    }
}
