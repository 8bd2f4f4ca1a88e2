package dev.likes.kit.ratelimit;

import dev.likes.kit.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** The one way the suite refuses a request over a limit: 429 problem+json with the RateLimit headers. */
public class TooManyRequests {

    /** The problem type's last segment, {@code urn:likes:problem:rate-limited}, also the refusal's metric tag. */
    public static final String PROBLEM_TYPE = "rate-limited";

    private final ProblemResponses problems;

    public TooManyRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    public void answer(HttpServletResponse response, RateLimitDecision decision, String detail) throws IOException {
        decision.writeHeaders(response);
        problems.rejected(PROBLEM_TYPE);
        problems.write(
                response, problems.problem(HttpStatus.TOO_MANY_REQUESTS, PROBLEM_TYPE, "Too Many Requests", detail));
    }
}
