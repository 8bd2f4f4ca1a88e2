package dev.likes.kit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tokens from the shared buckets. Never the reason a request fails: while Redis is unreachable (or the
 * connection is still being opened) every request goes through unchecked, one WARN line says so, the
 * {@code likes.ratelimit.decisions} counter shows {@code result=failed-open}, and Redis is tried again after
 * {@code likes.rate-limit.fail-open-for}, so a dead Redis costs one timeout per window, not one per request.
 *
 * <p>With a {@code sync-interval}, a bucket this instance has used recently is kept here and Redis is asked as little
 * as the limit allows. A user's first twentieth of the capacity on this instance is only counted here, without any
 * round trip; the request after it applies those tokens to the shared bucket in Redis. From then on the bucket
 * synchronises with Redis (Bucket4j's delaying optimization) at most once per interval, or sooner once another
 * twentieth was taken here since. So a user who likes a few posts costs Redis nothing, and one who comes near the
 * limit is checked against the shared budget after a few requests. The price is precision across instances: each may
 * let a user past the shared limit by up to a twentieth before it learns of the others. Limits too small to spare a
 * twentieth (the operator login throttle) are always checked in Redis.
 */
public class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitStore store;
    private final String keyPrefix;
    private final long failOpenNanos;
    private final MeterRegistry meters;
    private final Executor opener;
    private final LongSupplier nanoClock;
    private final Duration syncInterval;
    private final long maxRecentBuckets;

    private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();
    private final AtomicBoolean opening = new AtomicBoolean();
    private volatile Buckets buckets;
    private volatile long unavailableUntilNanos;
    private volatile boolean failingOpen;

    public RateLimiter(
            RateLimitStore store,
            String keyPrefix,
            Duration failOpenFor,
            MeterRegistry meters,
            Executor opener,
            LongSupplier nanoClock,
            Duration syncInterval,
            long maxRecentBuckets) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.failOpenNanos = failOpenFor.toNanos();
        this.meters = meters;
        this.opener = opener;
        this.nanoClock = nanoClock;
        this.syncInterval = syncInterval;
        this.maxRecentBuckets = maxRecentBuckets;
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
            var probe = store.bucket(limit, bucketKey(limit, key)).tryConsumeOne();
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
            var probe = store.bucket(limit, bucketKey(limit, key)).estimateOne();
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

    private Buckets buckets() {
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
            buckets = new Buckets(store.open());
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

    /** The {@code result} tag of {@code likes.ratelimit.decisions}. */
    private enum Result {
        FAILED_OPEN("failed-open"),
        ALLOWED("allowed"),
        LIMITED("limited");

        private final String tag;

        Result(String tag) {
            this.tag = tag;
        }

        static Result of(RateLimitDecision decision) {
            return !decision.checked() ? FAILED_OPEN : decision.allowed() ? ALLOWED : LIMITED;
        }
    }

    private RateLimitDecision counted(RateLimit limit, RateLimitDecision decision) {
        decisions
                .computeIfAbsent(limit.name(), this::decisionCounters)[
                Result.of(decision).ordinal()].increment();
        return decision;
    }

    /** One limit's counters, indexed by {@link Result#ordinal()}. */
    private Counter[] decisionCounters(String limit) {
        return Stream.of(Result.values())
                .map(result -> meters.counter("likes.ratelimit.decisions", "limit", limit, "result", result.tag))
                .toArray(Counter[]::new);
    }

    /** The buckets of one opened store, and the ones this instance used recently when they sync with a delay. */
    private final class Buckets {

        private final ProxyManager<String> shared;
        private final Cache<String, RecentBucket> recent;

        Buckets(ProxyManager<String> shared) {
            this.shared = shared;
            // Kept a while past the sync interval: a bucket dropped earlier would lose what it took since its last
            // sync.
            this.recent = Caffeine.newBuilder()
                    .maximumSize(maxRecentBuckets)
                    .expireAfterAccess(syncInterval.multipliedBy(2).plusMinutes(1))
                    .build();
        }

        UserBucket bucket(RateLimit limit, String bucketKey) {
            long unsynchronizedTokens = limit.capacity() / 20;
            if (syncInterval.isZero() || unsynchronizedTokens < 1) {
                return new ExactBucket(shared.builder().build(bucketKey, limit::bucket));
            }
            return recent.get(
                    bucketKey,
                    key -> new RecentBucket(limit, unsynchronizedTokens, () -> shared.builder()
                            .withOptimization(
                                    Optimizations.delaying(new DelayParameters(unsynchronizedTokens, syncInterval)))
                            .build(key, limit::bucket)));
        }
    }

    /** One bucket as the limiter uses it: a token at a time. */
    private interface UserBucket {

        ConsumptionProbe tryConsumeOne();

        EstimationProbe estimateOne();
    }

    /** A bucket checked in Redis on every request. */
    private record ExactBucket(BucketProxy shared) implements UserBucket {

        @Override
        public ConsumptionProbe tryConsumeOne() {
            return shared.tryConsumeAndReturnRemaining(1);
        }

        @Override
        public EstimationProbe estimateOne() {
            return shared.estimateAbilityToConsume(1);
        }
    }

    /**
     * A bucket this instance used recently. Until {@code localAllowance} tokens were taken here it lives only in this
     * instance: Bucket4j's delaying optimization would fetch the shared bucket on a user's first request, a round trip
     * that most users, who like a few posts and leave, never need. The next request moves to the shared bucket and
     * applies the tokens taken here to it first, so they count against the shared budget, late but not lost.
     */
    private static final class RecentBucket implements UserBucket {

        private final long capacity;
        private final long nanosPerToken;
        private final long localAllowance;
        private final Supplier<BucketProxy> sharedBucket;
        /**
         * Tokens taken here before the first synchronisation: a count, not a bucket, because a bucket as full as a new
         * one is (no refill to reckon with while fewer than a twentieth are gone), and one per new user is garbage.
         */
        private long takenLocally;

        private volatile BucketProxy shared;

        RecentBucket(RateLimit limit, long localAllowance, Supplier<BucketProxy> sharedBucket) {
            this.capacity = limit.capacity();
            this.nanosPerToken = limit.period().toNanos() / limit.capacity();
            this.localAllowance = localAllowance;
            this.sharedBucket = sharedBucket;
        }

        @Override
        public ConsumptionProbe tryConsumeOne() {
            BucketProxy synced = shared;
            if (synced == null) {
                synchronized (this) {
                    if (shared == null && takenLocally < localAllowance) {
                        takenLocally++;
                        return ConsumptionProbe.consumed(capacity - takenLocally, takenLocally * nanosPerToken);
                    }
                    synced = moveToShared();
                }
            }
            return synced.tryConsumeAndReturnRemaining(1);
        }

        @Override
        public EstimationProbe estimateOne() {
            BucketProxy synced = shared;
            if (synced == null) {
                synchronized (this) {
                    if (shared == null) {
                        return EstimationProbe.canBeConsumed(capacity - takenLocally);
                    }
                    synced = shared;
                }
            }
            return synced.estimateAbilityToConsume(1);
        }

        /** The shared bucket, with what was taken here applied to it (a failure leaves both as they were). */
        private BucketProxy moveToShared() {
            if (shared == null) {
                BucketProxy proxy = sharedBucket.get();
                proxy.consumeIgnoringRateLimits(takenLocally);
                shared = proxy;
            }
            return shared;
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
