package dev.likes.notifications.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param processedEvents how long an eventId is remembered for deduplication; longer than the topics' retention
 *     (Kafka's default is 7 days) makes a redelivery of anything still on the broker harmless
 * @param interval how often expired rows are deleted
 */
@Validated
@ConfigurationProperties("likes.retention")
record RetentionProperties(@DefaultValue("8d") Duration processedEvents, @DefaultValue("10m") Duration interval) {}
