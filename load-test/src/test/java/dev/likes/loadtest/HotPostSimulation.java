package dev.likes.loadtest;

import static io.gatling.javaapi.core.CoreDsl.feed;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Hot post: every write likes the same post (a celebrity's), each from the next of a million users. */
public class HotPostSimulation extends BenchSimulation {

    private final AtomicLong nextUser = new AtomicLong();

    public HotPostSimulation() {
        super("hot-post", 1, 1_000_000, true);
        String hot = posts.get(0);
        Iterator<Map<String, Object>> feeder = Feeders.endless(() -> {
            int user = (int) (nextUser.getAndIncrement() % tokens.users());
            return Map.<String, Object>of("postId", hot, "auth", tokens.bearer(user));
        });
        setUp(openOrClosed("hot-post", feed(feeder).exec(write(like()))))
                .protocols(protocol())
                .maxDuration(config.duration().plus(Duration.ofSeconds(30)));
    }
}
