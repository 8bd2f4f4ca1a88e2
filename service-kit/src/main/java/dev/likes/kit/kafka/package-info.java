/** Kafka for every service: the broker as a health contributor, pipeline freshness, and how topics are replicated. */
package dev.likes.kit.kafka;
