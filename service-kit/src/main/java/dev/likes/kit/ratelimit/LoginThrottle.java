package dev.likes.kit.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A brute-force throttle for a password login (count-consumer's operator endpoints). Failed logins spend the client
 * address's {@code likes.rate-limit.operator-login} bucket; once it is empty, every login attempt from that address
 * is refused with 429 before the password is even compared, so guessing cannot tell a right password from a wrong one
 * until the bucket refills. Add {@link #filter()} before the authentication filter and wrap the login's entry point
 * with {@link #countingFailures}.
 */
public class LoginThrottle {

    private final RateLimiter limiter;
    private final RateLimit limit;
    private final TooManyRequests tooMany;

    public LoginThrottle(RateLimiter limiter, RateLimit limit, TooManyRequests tooMany) {
        this.limiter = limiter;
        this.limit = limit;
        this.tooMany = tooMany;
    }

    /** Refuses a login attempt from an address with no failures left. */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                    var decision = limiter.peek(limit, request.getRemoteAddr());
                    if (!decision.allowed()) {
                        tooMany.answer(
                                response,
                                decision,
                                "Too many failed logins from this address; retry after " + decision.retryAfterSeconds()
                                        + " s");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The login's own refusal, counting each one against the address. */
    public AuthenticationEntryPoint countingFailures(AuthenticationEntryPoint refusal) {
        return new RateLimitedEntryPoint(limiter, limit, refusal, tooMany);
    }
}
