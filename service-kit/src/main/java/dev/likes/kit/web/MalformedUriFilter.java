package dev.likes.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * A path whose percent-encoding is broken is a 400. Tomcat checks the path but not its {@code ;} parameters, and
 * Spring MVC decodes the whole path again while writing an answer (even a 404 problem), where a broken escape such
 * as {@code /x;a%L} was a 500.
 */
public class MalformedUriFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public MalformedUriFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problems.rejected("request-rejected");
            problems.write(
                    response,
                    problems.problem(
                            HttpStatus.BAD_REQUEST,
                            "request-rejected",
                            "Request rejected",
                            "The request's path is not validly percent-encoded"));
            return;
        }
        chain.doFilter(request, response);
    }
}
