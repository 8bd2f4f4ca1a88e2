package dev.likes.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What every scenario shares: configuration, tokens minted up front, the run's posts registered before injection,
 * one shared HTTP connection pool of {@code connections} connections (so the like scenarios and the no-op ceiling
 * load the server through the same number of sockets), self-measured latencies, and after the run the correctness
 * pass and one machine-readable {@code BENCH_RESULT} line. A wrong count fails the run.
 */
abstract class BenchSimulation extends Simulation {

    final BenchConfig config;
    final Tokens tokens;
    final RunPosts posts;
    final RunStats stats;
    private final FreshnessSampler freshness;
    private final String scenario;
    private final boolean checksCorrectness;
    private long runStartMillis;

    BenchSimulation(String scenario, int defaultPosts, int defaultUsers, boolean checksCorrectness) {
        this.scenario = scenario;
        this.checksCorrectness = checksCorrectness;
        this.config = BenchConfig.fromSystemProperties(defaultPosts, defaultUsers);
        // A scenario with one post (hot post, no-op) keeps it whatever -Dposts says.
        this.posts = RunPosts.of(defaultPosts == 1 ? 1 : config.posts());
        this.stats = new RunStats(levels());
        // Only where likes flow through the pipeline: the no-op ceiling has no count to wait for.
        this.freshness = checksCorrectness ? FreshnessSampler.create(config, posts) : null;
        long minting = System.nanoTime();
        this.tokens = Tokens.mint(config.secret(), config.users());
        System.out.printf(
                Locale.ROOT,
                "BENCH_RUN scenario=%s run=%s posts=%d users=%d tokens_minted_in_ms=%d base_url=%s%n",
                scenario,
                posts.prefix(),
                posts.size(),
                tokens.users(),
                (System.nanoTime() - minting) / 1_000_000,
                config.baseUrl());
    }

    /** The stepped levels this scenario reports on; one level unless it is a ramp. */
    Levels levels() {
        return Levels.single(config.rate(), config.duration().toMillis());
    }

    HttpProtocolBuilder protocol() {
        return http.baseUrl(config.baseUrl())
                .shareConnections()
                .maxConnectionsPerHost(config.connections())
                .acceptHeader("application/json")
                .disableCaching()
                .disableWarmUp();
    }

    /** Open model at {@code rate}/s for {@code duration}, or with {@code -Dmodel=closed} a fixed set of users looping. */
    PopulationBuilder inject(ScenarioBuilder oneUser) {
        return oneUser.injectOpen(
                constantUsersPerSec(config.rate()).during(config.warmUp().plus(config.duration())));
    }

    /** The body of one virtual user, for scenarios that support both models. */
    PopulationBuilder openOrClosed(String name, ChainBuilder body) {
        if (config.closed()) {
            return io.gatling.javaapi.core.CoreDsl.scenario(name)
                    // exitASAP=false: a user finishes the request under way, so every write the server took is
                    // also counted here.
                    .exec(during(config.warmUp().plus(config.duration()), false).on(body))
                    .injectOpen(atOnceUsers(config.connections()));
        }
        return inject(io.gatling.javaapi.core.CoreDsl.scenario(name).exec(body));
    }

    PopulationBuilder ramp(String name, ChainBuilder body) {
        int steps = Math.max(2, config.rampSteps());
        double step = (config.rampTo() - config.rampFrom()) / (steps - 1);
        Duration level = config.duration().dividedBy(steps);
        return io.gatling.javaapi.core.CoreDsl.scenario(name)
                .exec(body)
                .injectOpen(incrementUsersPerSec(step)
                        .times(steps)
                        .eachLevelLasting(level)
                        .startingFrom(config.rampFrom()));
    }

    /** Runs the request and records it as a write: latency from just before it, success = HTTP 200. */
    ChainBuilder write(HttpRequestActionBuilder request) {
        return exec(session -> {
                    long now = System.currentTimeMillis();
                    stats.levels.sent(now);
                    return session.set("t0n", System.nanoTime()).set("t0m", now);
                })
                .exec(request.check(status().is(200)))
                .exec(session -> {
                    stats.write(session.getLong("t0n"), session.getLong("t0m"), !session.isFailed());
                    return session.markAsSucceeded();
                });
    }

    ChainBuilder reads(int n) {
        ChainBuilder read = exec(session -> session.set("r0n", System.nanoTime()))
                .exec(http("count").get("/like/count/#{postId}").check(status().is(200)))
                .exec(session -> {
                    stats.read(session.getLong("r0n"), !session.isFailed());
                    return session.markAsSucceeded();
                });
        return repeat(n).on(read);
    }

    static HttpRequestActionBuilder like() {
        return http("like").post("/like/#{postId}").header("Authorization", "#{auth}");
    }

    static HttpRequestActionBuilder unlike() {
        return http("unlike").delete("/like/#{postId}").header("Authorization", "#{auth}");
    }

    static HttpRequestActionBuilder toggle() {
        return http("toggle")
                .post("/like")
                .header("Authorization", "#{auth}")
                .header("Content-Type", "application/json")
                .body(StringBody("{\"postId\":\"#{postId}\"}"));
    }

    @Override
    public void before() {
        if (checksCorrectness) {
            long start = System.nanoTime();
            posts.register(config);
            System.out.printf(
                    Locale.ROOT,
                    "BENCH_SETUP registered %d posts in %d ms%n",
                    posts.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        if (freshness != null) {
            freshness.prepare(config.duration());
        }
        runStartMillis = System.currentTimeMillis();
        long measureFrom = runStartMillis + warmUp().toMillis();
        stats.measureFrom(measureFrom);
        if (freshness != null) {
            // The measured window only: the warm-up's likes would sample a generator still compiling itself.
            freshness.start(measureFrom, measureFrom + config.duration().toMillis());
        }
    }

    /** How long writes run unmeasured before the measured {@code duration}. */
    Duration warmUp() {
        return config.warmUp();
    }

    @Override
    public void after() {
        stats.levels.report().stream().filter(l -> stats.levels.size() > 1).forEach(System.out::println);
        Correctness.Result result = null;
        if (checksCorrectness) {
            System.out.println("BENCH_CHECK waiting for the pipeline to drain, then checking every post of the run...");
            result = new Correctness(config, posts, runStartMillis).run(stats.lastWriteAtMillis());
        }
        // After the correctness pass, not before: waiting here for the last samples to see their counts would start
        // the pass, and with it the time-to-correct clock's first reading, seconds late. The sampler stopped liking
        // when the load did; by now its last samples have their answers (or time out on their own).
        FreshnessSampler.Result fresh = freshness == null ? null : freshness.finish();
        if (fresh != null) {
            System.out.println("BENCH_FRESHNESS like -> visible count during the load:" + fresh.fields());
        }
        String line = summary(result) + (fresh == null ? " fresh_samples=n/a" : fresh.fields());
        System.out.println(line);
        if (!config.summaryFile().isEmpty()) {
            try {
                Files.writeString(Path.of(config.summaryFile()), line + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot write " + config.summaryFile() + ": " + e);
            }
        }
        if (result != null && !result.correct()) {
            System.out.println("BENCH_WRONG " + result.detail());
            if (config.failOnWrong()) {
                // Gatling turns an exception here into a failed run (non-zero exit, failed Maven build), but then
                // writes no HTML report; bin/bench passes -DfailOnWrong=false and fails on the summary line instead.
                throw new IllegalStateException("correctness check failed: " + result.detail());
            }
        }
    }

    private String summary(Correctness.Result r) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "BENCH_RESULT scenario=%s run=%s model=%s offered_per_s=%s duration_s=%d connections=%d posts=%d"
                        + " users=%d writes_ok=%d write_errors=%d accepted_per_s=%.1f p50_ms=%.2f p95_ms=%.2f"
                        + " p99_ms=%.2f reads_ok=%d read_errors=%d read_p50_ms=%.2f read_p99_ms=%.2f",
                scenario,
                posts.prefix(),
                config.closed() ? "closed" : "open",
                config.closed()
                        ? "max"
                        : stats.levels.size() > 1
                                ? String.format(Locale.ROOT, "%.0f-%.0f", config.rampFrom(), config.rampTo())
                                : String.format(Locale.ROOT, "%.0f", config.rate()),
                config.duration().toSeconds(),
                config.connections(),
                posts.size(),
                tokens.users(),
                stats.writesOk.get(),
                stats.writesFailed.get(),
                stats.acceptedPerSecond(),
                stats.writeLatencies.percentileMillis(0.50),
                stats.writeLatencies.percentileMillis(0.95),
                stats.writeLatencies.percentileMillis(0.99),
                stats.readsOk.get(),
                stats.readsFailed.get(),
                stats.readLatencies.percentileMillis(0.50),
                stats.readLatencies.percentileMillis(0.99)));
        if (r == null) {
            s.append(" correct=n/a");
        } else {
            s.append(String.format(
                    Locale.ROOT,
                    " like_rows=%d correct=%s time_to_correct_ms=%d time_to_drain_ms=%d api_check_ms=%d unsent=%d lag=%d wrong_posts=%d lost_events=%d"
                            + " api_checked=%d",
                    r.likeRows(),
                    r.correct(),
                    r.timeToCorrectMillis(),
                    r.timeToDrainMillis(),
                    r.apiCheckMillis(),
                    r.unsent(),
                    r.lag(),
                    r.wrongPosts(),
                    r.lostOrFailedEvents(),
                    r.apiChecked()));
        }
        return s.toString();
    }
}
