package dev.likes.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a declared body larger than {@code likes.http.max-body-size} (413) before anything reads it: no request of
 * the suite needs more, and parsing a 2 MB body only to refuse it is work an attacker chooses for us. A chunked body
 * without a length is bounded by Tomcat's {@code max-swallow-size}, and Jackson fails on what it cannot parse (400).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;
    private final long maxBodyBytes;

    public RequestBodyLimitFilter(ProblemResponses problems, long maxBodyBytes) {
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            problems.rejected("body-too-large");
            problems.write(
                    response,
                    problems.problem(
                            HttpStatus.PAYLOAD_TOO_LARGE,
                            "body-too-large",
                            "Body too large",
                            "A request body may have at most " + maxBodyBytes + " bytes"));
            return;
        }
        chain.doFilter(request, response);
    }
}
