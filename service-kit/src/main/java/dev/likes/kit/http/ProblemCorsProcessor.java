package dev.likes.kit.http;

import dev.likes.kit.web.ProblemResponses;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with the refusal (an origin not on the allow-list, or not an origin at all) answered as the
 * suite's 403 problem instead of the plain text "Invalid CORS request".
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemResponses problems;

    ProblemCorsProcessor(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        if (!(response instanceof ServletServerHttpResponse servlet)) {
            super.rejectRequest(response);
            return;
        }
        problems.rejected("cors-rejected");
        problems.write(
                servlet.getServletResponse(),
                problems.problem(
                        HttpStatus.FORBIDDEN,
                        "cors-rejected",
                        "Cross-origin request refused",
                        "This origin may not call this service (LIKES_CORS_ALLOWED_ORIGINS)"));
    }
}
