package dev.likes.kit.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits requests once authentication has run (it sits right after Spring Security's chain, which hands on the
 * authenticated request): a user's state-changing calls by the token's subject, and, when switched on, calls without
 * credentials by client address. Reads of a signed-in user are not limited: they change nothing and are cheap.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final RateLimiter limiter;
    private final RateLimit user;
    private final RateLimit anonymous;
    private final List<String> exemptPaths;
    private final TooManyRequests tooMany;

    public RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, TooManyRequests tooMany) {
        this.limiter = limiter;
        this.user = properties.userLimit();
        this.anonymous = properties.anonymousLimit();
        this.exemptPaths = properties.exemptPaths();
        this.tooMany = tooMany;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return exemptPaths.stream().anyMatch(exempt -> PATHS.match(exempt, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal principal = request.getUserPrincipal();
        RateLimitDecision decision;
        if (principal != null) {
            decision = STATE_CHANGING.contains(request.getMethod())
                    ? limiter.consume(user, principal.getName())
                    : RateLimitDecision.unchecked();
        } else {
            decision = limiter.consume(anonymous, request.getRemoteAddr());
        }
        if (!decision.allowed()) {
            tooMany.answer(response, decision, "Too many requests; retry after " + decision.retryAfterSeconds() + " s");
            return;
        }
        decision.writeHeaders(response);
        chain.doFilter(request, response);
    }
}
