package dev.likes.kit.ratelimit;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/** Where the buckets live. Opening may fail (Redis down); the limiter then lets requests through and tries later. */
public interface RateLimitStore extends AutoCloseable {

    ProxyManager<String> open();

    @Override
    void close();
}
