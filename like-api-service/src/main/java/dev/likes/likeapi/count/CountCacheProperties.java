package dev.likes.likeapi.count;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long a count read from PostgreSQL stays in Redis; the count consumer refreshes it after every batch,
 *     so this only bounds staleness if that refresh is lost
 */
@ConfigurationProperties("likes.count-cache")
record CountCacheProperties(@DefaultValue("5m") Duration ttl) {}
