package dev.likes.loadtest;

import java.time.Duration;

/**
 * Every knob of a run, read from system properties ({@code -Drate=2000}); the Maven plugin passes {@code -D} options
 * through to the Gatling JVM. Defaults fit the local stack.
 *
 * @param baseUrl the like API
 * @param secret the HS256 secret tokens are signed with ({@code -Dsecret}, else {@code LIKES_JWT_SECRET}, else the
 *     local stack's default)
 * @param jdbcUrl the database holding both {@code like_api} and {@code counts}
 * @param kafka bootstrap servers, only to read the count consumer's lag
 * @param rate writes per second offered (open model); the first level of a ramp uses {@code rampFrom} instead
 * @param duration how long writes are offered and measured
 * @param warmUp how long writes are offered before that, unmeasured: the generator's own JVM starts cold every run,
 *     and its first seconds measured its JIT compiler (p99 of seconds on a warm stack). Warm-up writes are real likes
 *     and the correctness pass covers them; latencies and throughput do not. A ramp has none.
 * @param closed closed model ({@code -Dmodel=closed}): {@code connections} users send back to back, no fixed rate
 * @param connections size of the shared HTTP connection pool (and of the closed model's user count)
 * @param posts how many posts the run registers (uniform, mixed, ramp)
 * @param users how many distinct users the run has tokens for
 * @param readsPerWrite count reads per write in the mixed scenario
 * @param rampFrom first arrival rate of the ramp
 * @param rampTo last arrival rate of the ramp
 * @param rampSteps levels of the ramp, each lasting {@code duration / rampSteps}
 * @param correctnessTimeout how long the correctness pass waits for counts to become right before failing the run
 * @param apiSample at most this many posts are checked through {@code GET /like/count} (all of them in SQL)
 * @param summaryFile where the summary line is also written (bin/bench reads it); empty for none
 * @param failOnWrong whether a failed correctness pass fails the Gatling run (default true; bin/bench sets false so the
 *     HTML report is still written, and fails itself on the summary line)
 */
record BenchConfig(
        String baseUrl,
        String secret,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String kafka,
        String consumerGroup,
        String topic,
        double rate,
        Duration duration,
        Duration warmUp,
        boolean closed,
        int connections,
        int posts,
        int users,
        int readsPerWrite,
        double rampFrom,
        double rampTo,
        int rampSteps,
        Duration correctnessTimeout,
        int apiSample,
        String summaryFile,
        boolean failOnWrong) {

    static final String LOCAL_SECRET = "local-dev-secret-change-me-0123456789abcdef";

    static BenchConfig fromSystemProperties(int defaultPosts, int defaultUsers) {
        String envSecret = System.getenv("LIKES_JWT_SECRET");
        return new BenchConfig(
                str("baseUrl", "http://127.0.0.1:8080"),
                str("secret", envSecret == null || envSecret.isBlank() ? LOCAL_SECRET : envSecret),
                str("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/likes"),
                str("dbUser", "postgres"),
                str("dbPassword", ""),
                str("kafka", "127.0.0.1:9092"),
                str("consumerGroup", "count-consumer"),
                str("topic", "likes.events"),
                Double.parseDouble(str("rate", "100")),
                Duration.ofSeconds(Long.parseLong(str("duration", "30"))),
                Duration.ofSeconds(Long.parseLong(str("warmUp", "30"))),
                "closed".equalsIgnoreCase(str("model", "open")),
                Integer.parseInt(str("connections", "64")),
                Integer.parseInt(str("posts", Integer.toString(defaultPosts))),
                Integer.parseInt(str("users", Integer.toString(defaultUsers))),
                Integer.parseInt(str("readsPerWrite", "10")),
                Double.parseDouble(str("rampFrom", "500")),
                Double.parseDouble(str("rampTo", "10000")),
                Integer.parseInt(str("rampSteps", "10")),
                Duration.ofSeconds(Long.parseLong(str("correctnessTimeout", "60"))),
                Integer.parseInt(str("apiSample", "2000")),
                str("summaryFile", ""),
                Boolean.parseBoolean(str("failOnWrong", "true")));
    }

    private static String str(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
