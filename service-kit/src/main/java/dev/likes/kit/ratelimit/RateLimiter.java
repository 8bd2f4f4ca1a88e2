package dev.likes.kit.ratelimit;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tokens from the shared buckets. Never the reason a request fails: while Redis is unreachable (or the
 * connection is still being opened) every request goes through unchecked, one WARN line says so, the
 * {@code likes.ratelimit.decisions} counter shows {@code result=failed-open}, and Redis is tried again after
 * {@code likes.rate-limit.fail-open-for}, so a dead Redis costs one timeout per window, not one per request.
 */
public class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitStore store;
    private final String keyPrefix;
    private final long failOpenNanos;
    private final MeterRegistry meters;
    private final Executor opener;
    private final LongSupplier nanoClock;

    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final AtomicBoolean opening = new AtomicBoolean();
    private volatile ProxyManager<String> buckets;
    private volatile long unavailableUntilNanos;
    private volatile boolean failingOpen;

    public RateLimiter(
            RateLimitStore store,
            String keyPrefix,
            Duration failOpenFor,
            MeterRegistry meters,
            Executor opener,
            LongSupplier nanoClock) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.failOpenNanos = failOpenFor.toNanos();
        this.meters = meters;
        this.opener = opener;
        this.nanoClock = nanoClock;
        this.unavailableUntilNanos = nanoClock.getAsLong();
    }

    /** Opens the store in the background, so the first requests do not wait on a connection. */
    public void start() {
        buckets();
    }

    /** Takes one token from {@code key}'s bucket of {@code limit}. */
    public RateLimitDecision consume(RateLimit limit, String key) {
        if (!limit.enabled()) {
            return RateLimitDecision.unchecked();
        }
        var store = buckets();
        if (store == null) {
            return counted(limit, RateLimitDecision.unchecked());
        }
        try {
            var probe =
                    store.builder().build(bucketKey(limit, key), limit::bucket).tryConsumeAndReturnRemaining(1);
            recovered();
            return counted(
                    limit,
                    RateLimitDecision.of(
                            probe.isConsumed(),
                            limit.capacity(),
                            probe.getRemainingTokens(),
                            probe.getNanosToWaitForReset(),
                            probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            storeFailed(e);
            return counted(limit, RateLimitDecision.unchecked());
        }
    }

    /** Whether {@code key} has a token of {@code limit} left, without taking it (a throttle that counts failures). */
    public RateLimitDecision peek(RateLimit limit, String key) {
        if (!limit.enabled()) {
            return RateLimitDecision.unchecked();
        }
        var store = buckets();
        if (store == null) {
            return RateLimitDecision.unchecked();
        }
        try {
            var probe =
                    store.builder().build(bucketKey(limit, key), limit::bucket).estimateAbilityToConsume(1);
            recovered();
            return RateLimitDecision.of(
                    probe.canBeConsumed(),
                    limit.capacity(),
                    probe.getRemainingTokens(),
                    0,
                    probe.getNanosToWaitForRefill());
        } catch (RuntimeException e) {
            storeFailed(e);
            return RateLimitDecision.unchecked();
        }
    }

    private String bucketKey(RateLimit limit, String key) {
        return keyPrefix + ":" + limit.name() + ":" + key;
    }

    private ProxyManager<String> buckets() {
        if (nanoClock.getAsLong() - unavailableUntilNanos < 0) {
            return null;
        }
        var ready = buckets;
        if (ready != null) {
            return ready;
        }
        if (opening.compareAndSet(false, true)) {
            try {
                CompletableFuture.runAsync(this::open, opener);
            } catch (RuntimeException e) {
                opening.set(false);
                storeFailed(e);
            }
        }
        return null;
    }

    private void open() {
        try {
            buckets = store.open();
            recovered();
        } catch (RuntimeException e) {
            storeFailed(e);
        } finally {
            opening.set(false);
        }
    }

    private void storeFailed(RuntimeException e) {
        unavailableUntilNanos = nanoClock.getAsLong() + failOpenNanos;
        meters.counter("likes.ratelimit.store.failures").increment();
        if (!failingOpen) {
            failingOpen = true;
            log.atWarn()
                    .addKeyValue("retryIn", Duration.ofNanos(failOpenNanos))
                    .addKeyValue("error", e.toString())
                    .log("rate limiter store unreachable: requests pass unchecked until it answers again");
        }
    }

    private void recovered() {
        if (failingOpen) {
            failingOpen = false;
            log.atInfo().log("rate limiter store answers again: limits apply");
        }
    }

    private RateLimitDecision counted(RateLimit limit, RateLimitDecision decision) {
        String result = !decision.checked() ? "failed-open" : decision.allowed() ? "allowed" : "limited";
        decisions
                .computeIfAbsent(
                        limit.name() + "/" + result,
                        any -> meters.counter("likes.ratelimit.decisions", "limit", limit.name(), "result", result))
                .increment();
        return decision;
    }

    @Override
    public void close() {
        store.close();
    }
}
