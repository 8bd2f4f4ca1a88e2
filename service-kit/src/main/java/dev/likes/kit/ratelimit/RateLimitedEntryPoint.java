package dev.likes.kit.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Counts every refused authentication against the client's address; once the address has spent its limit, the
 * refusal is a 429 instead of the {@code delegate}'s 401, so a flood of bad or missing credentials is told to wait.
 * Only failures count: a valid token from the same address (a NAT full of honest users) is never held back by them.
 */
public class RateLimitedEntryPoint implements AuthenticationEntryPoint {

    private final RateLimiter limiter;
    private final RateLimit limit;
    private final AuthenticationEntryPoint delegate;
    private final TooManyRequests tooMany;

    public RateLimitedEntryPoint(
            RateLimiter limiter, RateLimit limit, AuthenticationEntryPoint delegate, TooManyRequests tooMany) {
        this.limiter = limiter;
        this.limit = limit;
        this.delegate = delegate;
        this.tooMany = tooMany;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        var decision = limiter.consume(limit, request.getRemoteAddr());
        if (!decision.allowed()) {
            tooMany.answer(
                    response,
                    decision,
                    "Too many failed authentications from this address; retry after " + decision.retryAfterSeconds()
                            + " s");
            return;
        }
        delegate.commence(request, response, e);
    }
}
