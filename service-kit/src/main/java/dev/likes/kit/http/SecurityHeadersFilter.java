package dev.likes.kit.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.AntPathMatcher;

/**
 * Sets the security headers before anything else runs, so every answer carries them: a 401 from the security chain,
 * a 429 from the rate limiter, a problem written by a filter and the error page. Spring Security's own header writer
 * leaves a header alone once it is set, so the two never send a header twice.
 */
public class SecurityHeadersFilter implements Filter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final SecurityHeadersProperties properties;

    public SecurityHeadersFilter(SecurityHeadersProperties properties) {
        this.properties = properties;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            answer.setHeader("Content-Security-Policy", policyFor(http));
            answer.setHeader("Referrer-Policy", "no-referrer");
            answer.setHeader("X-Content-Type-Options", "nosniff");
            answer.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }

    private String policyFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String page : properties.pagePaths()) {
            if (PATHS.match(page, path)) {
                return properties.pageContentSecurityPolicy();
            }
        }
        for (String docs : properties.docsPaths()) {
            if (PATHS.match(docs, path)) {
                return properties.docsContentSecurityPolicy();
            }
        }
        return properties.contentSecurityPolicy();
    }
}
