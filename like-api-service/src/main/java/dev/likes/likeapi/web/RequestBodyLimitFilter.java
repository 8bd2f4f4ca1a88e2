package dev.likes.likeapi.web;

import dev.likes.kit.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a declared body larger than any request of this API needs (413) before anything reads it. A chunked body
 * without a length is bounded by Tomcat's {@code max-swallow-size} and Jackson fails on what it cannot parse (400).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 16 * 1024;

    private final ProblemResponses problems;

    RequestBodyLimitFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            problems.write(
                    response,
                    problems.problem(
                            HttpStatus.PAYLOAD_TOO_LARGE,
                            "body-too-large",
                            null,
                            "A request body may have at most " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        chain.doFilter(request, response);
    }
}
