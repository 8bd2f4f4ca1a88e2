package dev.likes.loadtest;

import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP ceiling: {@code POST /benchmark/noop/{postId}} with the same tokens, connection pool and injection as a
 * like, but no database (the like API must run with {@code LIKES_BENCHMARK_NOOP_ENDPOINT=true}). bin/bench-ceilings
 * runs it with {@code -Dmodel=closed}: {@code connections} users back to back, the most this server and this load
 * generator can do together.
 */
public class NoOpSimulation extends BenchSimulation {

    public NoOpSimulation() {
        super("noop", 1, 10_000, false);
        Iterator<Map<String, Object>> feeder = Feeders.endless(() -> {
            var random = ThreadLocalRandom.current();
            return Map.<String, Object>of(
                    "postId", "noop" + random.nextInt(1000), "auth", tokens.bearer(random.nextInt(tokens.users())));
        });
        setUp(openOrClosed(
                        "noop",
                        feed(feeder)
                                .exec(write(http("noop")
                                        .post("/benchmark/noop/#{postId}")
                                        .header("Authorization", "#{auth}")))))
                .protocols(protocol())
                .maxDuration(config.duration().plus(Duration.ofSeconds(30)));
    }
}
