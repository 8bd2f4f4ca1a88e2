package dev.likes.loadtest;

import static io.gatling.javaapi.core.CoreDsl.feed;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uniform: each write likes a random post of the run ({@code -Dposts}, default 2,000) as the next of a million users
 * ({@code -Dusers}), so practically every like changes state and emits an event.
 */
public class UniformSimulation extends BenchSimulation {

    private final AtomicLong nextUser = new AtomicLong();

    public UniformSimulation() {
        this("uniform");
    }

    UniformSimulation(String scenario) {
        super(scenario, 2_000, 1_000_000, true);
        setUp(population(scenario, feed(randomPostNextUser()).exec(write(like()))))
                .protocols(protocol())
                .maxDuration(config.duration().plus(Duration.ofSeconds(30)));
    }

    io.gatling.javaapi.core.PopulationBuilder population(String name, io.gatling.javaapi.core.ChainBuilder body) {
        return openOrClosed(name, body);
    }

    /** Users in sequence, so a (post, user) pair repeats only after {@code users} writes. */
    Iterator<Map<String, Object>> randomPostNextUser() {
        return Feeders.endless(() -> {
            int user = (int) (nextUser.getAndIncrement() % tokens.users());
            String post = posts.get(ThreadLocalRandom.current().nextInt(posts.size()));
            return Map.<String, Object>of("postId", post, "auth", tokens.bearer(user));
        });
    }
}
