package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The one Redis subscription of this instance to {@link CountUpdate#CHANNEL}, however many streams are open: the
 * streams fan out in memory ({@link CountStreams}).
 *
 * <p>It keeps trying while Redis is unreachable: likes and count reads work without Redis, so its absence at startup
 * only delays live updates (streams still open with the current counts). Once subscribed, the container itself
 * re-subscribes after a lost connection. The container is not a bean because a bean container would be started by the
 * context, and a failed start would stop the like API from starting.
 */
@Component
class CountUpdateSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CountUpdateSubscription.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisMessageListenerContainer container;
    private ScheduledExecutorService retries;
    private volatile boolean running;
    private boolean warned;

    CountUpdateSubscription(RedisConnectionFactory redis, CountStreams streams) {
        container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // Routing an update only writes a map slot: run it on the subscription's own thread rather than on a new
        // thread per message (the container's default executor).
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(streams, ChannelTopic.of(CountUpdate.CHANNEL));
        // The default 2 s for Redis to confirm the subscription is short on a machine busy starting the suite, and
        // every failed try leaves the live counts frozen until the next one.
        container.setMaxSubscriptionRegistrationWaitingTime(
                Duration.ofSeconds(10).toMillis());
        container.afterPropertiesSet();
    }

    @Override
    public synchronized void start() {
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "count-update-subscribe");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        retries.execute(this::subscribe);
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        try {
            container.start();
            if (warned) {
                log.atInfo().log("subscribed to count updates; live counts flow again");
            }
        } catch (RuntimeException e) {
            container.stop();
            if (!warned) {
                warned = true;
                log.atWarn()
                        .addKeyValue("cause", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .log("cannot subscribe to count updates yet; live streams show counts as of their start");
            }
            retries.schedule(this::subscribe, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
        try {
            container.destroy();
        } catch (Exception e) {
            log.atDebug().addKeyValue("cause", e.toString()).log("count update subscription did not close cleanly");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
