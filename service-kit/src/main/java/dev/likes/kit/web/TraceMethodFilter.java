package dev.likes.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE answers 405 as a problem. Tomcat refuses TRACE itself with an empty body, before any filter or error page;
 * the kit lets it through the connector only to answer it here, first, so it never reaches the servlet, whose TRACE
 * would echo the request's headers (bearer tokens included) back.
 */
public class TraceMethodFilter extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public TraceMethodFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"TRACE".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
        problems.write(
                response,
                problems.problem(
                        HttpStatus.METHOD_NOT_ALLOWED, "http-405", "Method Not Allowed", "TRACE is not supported"));
    }
}
