package dev.likes.loadtest;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mixed: each virtual user (arriving at {@code -Drate}/s) likes a random post as a random user, then reads the count
 * {@code -DreadsPerWrite} times (default 10); a quarter then unlike the same post and a quarter toggle it, each
 * followed by the same number of reads. So about 1.5 writes and 15 reads per arrival, and unlikes that really remove a
 * like. Fewer posts and users by default (200, 20,000), so writes of different users meet on the same posts.
 */
public class MixedSimulation extends BenchSimulation {

    public MixedSimulation() {
        super("mixed", 200, 20_000, true);
        Iterator<Map<String, Object>> feeder = Feeders.endless(() -> {
            var random = ThreadLocalRandom.current();
            return Map.<String, Object>of(
                    "postId",
                    posts.get(random.nextInt(posts.size())),
                    "auth",
                    tokens.bearer(random.nextInt(tokens.users())));
        });
        int n = config.readsPerWrite();
        ChainBuilder body = feed(feeder)
                .exec(write(like()))
                .exec(reads(n))
                .exec(randomSwitch()
                        .on(
                                percent(25).then(exec(write(unlike())).exec(reads(n))),
                                percent(25).then(exec(write(toggle())).exec(reads(n)))));
        setUp(openOrClosed("mixed", body))
                .protocols(protocol())
                .maxDuration(config.duration().plus(Duration.ofSeconds(30)));
    }
}
