package dev.likes.notifications.messaging;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param partitions partitions of this service's dead-letter topics ({@code likes.notify-owner.dlq}, {@code
 *     likes.push.dlq}, {@code likes.post-events.dlq}) when it creates them; records go by key, so any number keeps a
 *     post's records in order
 */
@Validated
@ConfigurationProperties("likes.dlq")
record DeadLetterProperties(@DefaultValue("12") @Positive int partitions) {}
