package dev.likes.likeapi.stream;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxStreams open streams one instance serves at most; beyond it a new stream is a 503 with Retry-After, so a
 *     crowd of browsers cannot exhaust the heap or the file descriptors
 * @param maxPostsPerStream posts one stream may follow
 * @param flushInterval how often a stream sends what changed: at most one event per post per interval, so a celebrity
 *     post costs each browser four events a second, not one per like
 * @param keepAlive how often an idle stream gets a comment line, so proxies keep it open and a vanished client is
 *     noticed (its write fails) and its stream released
 * @param timeout how long a stream lives before it is completed; the browser reconnects and re-reads the counts
 * @param reconnectDelay the {@code retry} a browser waits before reconnecting
 * @param senderThreads threads that write events; streams do not hold a thread of their own
 * @param cachedConnections closed connections whose channels Tomcat keeps for reuse; each one also keeps the buffers of
 *     the last request it served, about 100 KB (see {@link StreamConnectorTuning})
 */
@Validated
@ConfigurationProperties("likes.stream")
record CountStreamProperties(
        @DefaultValue("5000") @Positive int maxStreams,
        @DefaultValue("100") @Positive int maxPostsPerStream,
        @DefaultValue("250ms") Duration flushInterval,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("2s") Duration reconnectDelay,
        @DefaultValue("2") @Positive int senderThreads,
        @DefaultValue("200") @PositiveOrZero int cachedConnections) {}
