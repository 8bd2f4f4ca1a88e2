package dev.likes.counts.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param ttl how long a cached count lives; every committed batch rewrites the counts it changed, so this bounds only
 *     how long a count may stay stale after a lost write (Redis down at the wrong moment)
 * @param deletedMarkerTtl how long a deleted post's marker keeps its count out of the cache; longer than any like
 *     accepted just before the deletion can take to be counted
 */
@Validated
@ConfigurationProperties("likes.counts.cache")
record CacheProperties(@DefaultValue("5m") Duration ttl, @DefaultValue("7d") Duration deletedMarkerTtl) {}
