package dev.likes.loadtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness while the load runs, as a reader sees it: every 100-200 ms the sampler likes one of its own posts (as its
 * own user, never one of the run's) and polls {@code GET /like/count/{postId}} every 10 ms until the new count is
 * visible. The delay from just before the like to the answer that shows it is one sample; the run reports p50, p99 and
 * max of them, and every sample goes to a CSV.
 *
 * <p>Just before each like the sampler reads the post's count once. That read puts the count (0) into Redis if it is
 * not there, so the polls after the like are answered from the cache the count consumer refreshes, as a frontend's
 * would be; without it the first poll would miss the cache and count the like rows themselves, which are right at once
 * and would measure nothing.
 *
 * <p>Bounded so it does not become load of its own: at most {@code maxInFlight} samples at a time (a tick with none
 * free is skipped and counted), each polling until its count shows or {@code timeout} passes. It stops by itself when
 * the load window ends; {@link #finish()} then waits for the samples under way. Only loopback URLs are sampled.
 */
final class FreshnessSampler {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /**
     * @param enabled {@code -Dfreshness} (default true)
     * @param minInterval {@code -DfreshnessMinIntervalMs} (100): the shortest pause between two likes
     * @param maxInterval {@code -DfreshnessMaxIntervalMs} (200): the longest; each pause is drawn between the two
     * @param poll {@code -DfreshnessPollMs} (10): pause between two reads of the count
     * @param timeout {@code -DfreshnessTimeout} seconds (30): a sample still invisible then counts as a timeout
     * @param maxInFlight {@code -DfreshnessMaxInFlight} (4): samples polling at the same time
     * @param file {@code -DfreshnessFile}: where every sample is written as CSV; empty for none
     */
    record Settings(
            boolean enabled,
            Duration minInterval,
            Duration maxInterval,
            Duration poll,
            Duration timeout,
            int maxInFlight,
            String file) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Boolean.parseBoolean(str("freshness", "true")),
                    Duration.ofMillis(Long.parseLong(str("freshnessMinIntervalMs", "100"))),
                    Duration.ofMillis(Long.parseLong(str("freshnessMaxIntervalMs", "200"))),
                    Duration.ofMillis(Long.parseLong(str("freshnessPollMs", "10"))),
                    Duration.ofSeconds(Long.parseLong(str("freshnessTimeout", "30"))),
                    Integer.parseInt(str("freshnessMaxInFlight", "4")),
                    str("freshnessFile", ""));
        }

        private static String str(String name, String fallback) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }

    /** One like and when its count became visible; {@code visibleMillis} is -1 on a timeout or an error. */
    private record Sample(
            long likedAtEpochMillis,
            String postId,
            int likeStatus,
            double likeMillis,
            double visibleMillis,
            int polls) {}

    /**
     * @param samples likes whose count became visible
     * @param p50Millis median delay from the like to the visible count
     * @param p99Millis 99th percentile of that delay (timeouts count as the timeout)
     * @param maxMillis the longest
     * @param timeouts samples whose count was not visible within the timeout
     * @param errors likes or reads that failed (not 200)
     * @param skipped ticks skipped because {@code maxInFlight} samples were still polling
     */
    record Result(
            int samples, double p50Millis, double p99Millis, double maxMillis, int timeouts, int errors, int skipped) {

        static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0);

        String fields() {
            return String.format(
                    Locale.ROOT,
                    " fresh_samples=%d fresh_p50_ms=%.1f fresh_p99_ms=%.1f fresh_max_ms=%.1f fresh_timeouts=%d"
                            + " fresh_errors=%d fresh_skipped=%d",
                    samples,
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    timeouts,
                    errors,
                    skipped);
        }
    }

    private final BenchConfig config;
    private final Settings settings;
    private final RunPosts runPosts;
    private final String bearer;
    private RunPosts posts;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicInteger nextPost = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final Semaphore inFlight;
    private final ExecutorService workers;
    private volatile Thread ticker;

    private FreshnessSampler(BenchConfig config, Settings settings, RunPosts runPosts) {
        this.config = config;
        this.settings = settings;
        this.runPosts = runPosts;
        String user = "fresh-" + runPosts.prefix() + "u";
        this.bearer = Tokens.bearerFor(config.secret(), user);
        this.inFlight = new Semaphore(Math.max(1, settings.maxInFlight()));
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.maxInFlight()), runnable -> {
            Thread t = new Thread(runnable, "freshness-sample");
            t.setDaemon(true);
            return t;
        });
    }

    /** A sampler for this run, or null when it is switched off or the API is not on this machine. */
    static FreshnessSampler create(BenchConfig config, RunPosts runPosts) {
        Settings settings = Settings.fromSystemProperties();
        if (!settings.enabled()) {
            return null;
        }
        String host = URI.create(config.baseUrl()).getHost();
        if (host == null || !LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
            System.out.println("BENCH_FRESHNESS off: " + config.baseUrl() + " is not loopback");
            return null;
        }
        return new FreshnessSampler(config, settings, runPosts);
    }

    /**
     * Registers the sampler's own posts (ids {@code <run prefix>fp<n>}, owned by the bench owner): one per like at the
     * shortest interval over {@code window}, since each post is liked once and its count goes from 0 to 1.
     */
    void prepare(Duration window) {
        int count =
                (int) (window.toMillis() / Math.max(1, settings.minInterval().toMillis()) + 10);
        posts = RunPosts.of(runPosts.prefix() + "f", count);
        posts.register(config);
    }

    /** Likes from {@code fromEpochMillis} until {@code untilEpochMillis}, then stops by itself. */
    void start(long fromEpochMillis, long untilEpochMillis) {
        Thread t = new Thread(() -> tick(fromEpochMillis, untilEpochMillis), "freshness-sampler");
        t.setDaemon(true); // never keeps the generator's JVM alive
        ticker = t;
        t.start();
    }

    private void tick(long from, long until) {
        try {
            sleepUntil(from);
            long nextProgress = from + 10_000;
            int reported = 0;
            while (System.currentTimeMillis() < until && nextPost.get() < posts.size()) {
                if (System.currentTimeMillis() >= nextProgress) {
                    reported = progress((nextProgress - from) / 1000, reported);
                    nextProgress += 10_000;
                }
                if (inFlight.tryAcquire()) {
                    String post = posts.get(nextPost.getAndIncrement());
                    workers.execute(() -> {
                        try {
                            record(sample(post));
                        } finally {
                            inFlight.release();
                        }
                    });
                } else {
                    skipped.incrementAndGet();
                }
                long min = settings.minInterval().toMillis();
                long max = Math.max(min, settings.maxInterval().toMillis());
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(min, max + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Sample sample(String postId) {
        long before = read(postId);
        if (before < 0) {
            return new Sample(System.currentTimeMillis(), postId, 0, -1, -1, 0);
        }
        long likedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        int status;
        try {
            HttpRequest like = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/like/" + postId))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            status = http.send(like, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        double likeMillis = (System.nanoTime() - t0) / 1e6;
        if (status != 200) {
            return new Sample(likedAt, postId, status, likeMillis, -1, 0);
        }
        long deadline = t0 + settings.timeout().toNanos();
        int polls = 0;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            polls++;
            if (read(postId) > before) {
                return new Sample(likedAt, postId, status, likeMillis, (System.nanoTime() - t0) / 1e6, polls);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(settings.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Sample(likedAt, postId, status, likeMillis, -1, polls);
    }

    /** The count the API answers now, or -1 when it does not answer 200. */
    private long read(String postId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/like/count/" + postId))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = COUNT.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One line per 10 s of load with the samples finished since the last one, so a trend shows in the log. */
    private int progress(long second, int reported) {
        List<Sample> recent;
        synchronized (this) {
            recent = List.copyOf(samples.subList(reported, samples.size()));
        }
        Result r = summarize(recent, settings.timeout().toMillis(), 0);
        System.out.printf(
                Locale.ROOT,
                "BENCH_FRESHNESS t=%ds last_10s: samples=%d p50_ms=%.1f max_ms=%.1f timeouts=%d errors=%d%n",
                second,
                r.samples(),
                r.p50Millis(),
                r.maxMillis(),
                r.timeouts(),
                r.errors());
        return reported + recent.size();
    }

    private synchronized void record(Sample sample) {
        samples.add(sample);
    }

    /** Waits for the samples under way (at most the timeout), writes the CSV and returns the figures. */
    Result finish() {
        Thread t = ticker;
        if (t != null) {
            t.interrupt(); // the load is over; the ticker would stop by itself at the end of the window anyway
        }
        workers.shutdown();
        try {
            workers.awaitTermination(settings.timeout().toSeconds() + 15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        List<Sample> all;
        synchronized (this) {
            all = List.copyOf(samples);
        }
        write(all);
        return summarize(all, settings.timeout().toMillis(), skipped.get());
    }

    static Result summarize(List<Sample> all, long timeoutMillis, int skipped) {
        List<Double> delays = new ArrayList<>();
        int timeouts = 0;
        int errors = 0;
        for (Sample s : all) {
            if (s.visibleMillis() >= 0) {
                delays.add(s.visibleMillis());
            } else if (s.likeStatus() == 200) {
                timeouts++;
                delays.add((double) timeoutMillis); // at least this late: keeps p99 honest
            } else {
                errors++;
            }
        }
        if (delays.isEmpty()) {
            return new Result(0, 0, 0, 0, timeouts, errors, skipped);
        }
        delays.sort(null);
        return new Result(
                delays.size() - timeouts,
                rank(delays, 0.50),
                rank(delays, 0.99),
                delays.get(delays.size() - 1),
                timeouts,
                errors,
                skipped);
    }

    /** Nearest-rank percentile. */
    private static double rank(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private void write(List<Sample> all) {
        if (settings.file().isEmpty()) {
            return;
        }
        try (PrintWriter out =
                new PrintWriter(Files.newBufferedWriter(Path.of(settings.file()), StandardCharsets.UTF_8))) {
            out.println("liked_at_epoch_ms,post_id,like_status,like_ms,visible_ms,polls");
            for (Sample s : all) {
                out.printf(
                        Locale.ROOT,
                        "%d,%s,%d,%.2f,%.2f,%d%n",
                        s.likedAtEpochMillis(),
                        s.postId(),
                        s.likeStatus(),
                        s.likeMillis(),
                        s.visibleMillis(),
                        s.polls());
            }
        } catch (IOException e) {
            System.err.println("cannot write " + settings.file() + ": " + e);
        }
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            TimeUnit.MILLISECONDS.sleep(wait);
        }
    }
}
