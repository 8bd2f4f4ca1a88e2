package dev.likes.kit.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every limit of {@code likes.rate-limit.*}. The defaults let honest heavy traffic through: a benchmark sends thousands
 * of likes a second from many users over one address, so nothing but failed authentication is limited per address by
 * default, and a user gets a burst of 600 writes and 10 a second after it.
 *
 * @param enabled {@code false} takes the limiter out entirely (no Redis call, no header)
 * @param keyPrefix the first segment of every bucket key in Redis, {@code <prefix>:<application>:<limit>:<key>}
 * @param storeTimeout how long a request waits on Redis before it goes through unchecked
 * @param failOpenFor after Redis failed, how long requests go through unchecked before Redis is tried again
 * @param syncInterval how long a bucket this instance used recently may go without synchronising with Redis (sooner
 *     once a twentieth of its capacity was taken here; a user's first twentieth on an instance is taken without asking
 *     Redis at all, and applied to it by the next request); {@code 0} checks every request in Redis, exactly
 * @param maxRecentBuckets how many recently used buckets an instance keeps between synchronisations
 * @param exemptPaths paths (Ant patterns) never limited: the health probes on the service port
 * @param user state-changing calls (POST, PUT, PATCH, DELETE) per authenticated user, keyed by the token's {@code sub}
 * @param failedAuthentication refused authentications (401) per client address
 * @param anonymous calls without credentials per client address; off by default, because public reads from one
 *     address (a benchmark, a proxy) are honest traffic
 * @param operatorLogin failed operator logins per client address; once spent, every login from there waits
 */
@ConfigurationProperties("likes.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("rate-limit") String keyPrefix,
        @DefaultValue("100ms") Duration storeTimeout,
        @DefaultValue("5s") Duration failOpenFor,
        @DefaultValue("10s") Duration syncInterval,
        @DefaultValue("100000") long maxRecentBuckets,
        @DefaultValue({"/livez", "/readyz", "/actuator/**"}) List<String> exemptPaths,
        @DefaultValue Limit user,
        @DefaultValue Limit failedAuthentication,
        @DefaultValue Limit anonymous,
        @DefaultValue Limit operatorLogin) {

    /** Unset fields take the limit's own default, so one property (say a capacity) can be changed alone. */
    public record Limit(Boolean enabled, Long capacity, Duration period) {

        RateLimit orDefaults(String name, boolean defaultEnabled, long defaultCapacity, Duration defaultPeriod) {
            return new RateLimit(
                    name,
                    enabled != null ? enabled : defaultEnabled,
                    capacity != null ? capacity : defaultCapacity,
                    period != null ? period : defaultPeriod);
        }
    }

    public RateLimit userLimit() {
        return user.orDefaults("user", true, 600, Duration.ofMinutes(1));
    }

    public RateLimit failedAuthenticationLimit() {
        return failedAuthentication.orDefaults("failed-authentication", true, 300, Duration.ofMinutes(1));
    }

    public RateLimit anonymousLimit() {
        return anonymous.orDefaults("anonymous", false, 6000, Duration.ofMinutes(1));
    }

    public RateLimit operatorLoginLimit() {
        return operatorLogin.orDefaults("operator-login", true, 10, Duration.ofMinutes(5));
    }
}
