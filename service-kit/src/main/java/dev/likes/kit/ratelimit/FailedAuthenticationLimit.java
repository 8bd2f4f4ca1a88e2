package dev.likes.kit.ratelimit;

import org.springframework.security.web.AuthenticationEntryPoint;

/** The per-address limit on refused authentications, as a wrapper around a service's 401 answer. */
public class FailedAuthenticationLimit {

    private final RateLimiter limiter;
    private final RateLimit limit;
    private final TooManyRequests tooMany;

    public FailedAuthenticationLimit(RateLimiter limiter, RateLimit limit, TooManyRequests tooMany) {
        this.limiter = limiter;
        this.limit = limit;
        this.tooMany = tooMany;
    }

    public AuthenticationEntryPoint around(AuthenticationEntryPoint unauthorized) {
        return limit.enabled() ? new RateLimitedEntryPoint(limiter, limit, unauthorized, tooMany) : unauthorized;
    }
}
