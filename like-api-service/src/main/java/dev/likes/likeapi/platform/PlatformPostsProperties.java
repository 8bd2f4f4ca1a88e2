package dev.likes.likeapi.platform;

import dev.likes.events.Topics;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's post lifecycle topic this service registers and deletes posts from.
 *
 * @param enabled whether to consume it at all (a platform that registers posts through {@code POST /posts} only)
 * @param topic its name; keyed by postId. Records that cannot be applied go to {@code <topic>.dlq}
 * @param dlqPartitions partitions of the DLQ if this service creates it
 * @param maxRetries attempts after the first for a batch that failed for a reason a retry may fix (the database)
 * @param retryInitialInterval first backoff; doubles up to {@code retryMaxInterval}
 * @param retryMaxInterval longest backoff
 */
@Validated
@ConfigurationProperties("likes.platform-posts")
record PlatformPostsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(Topics.PLATFORM_POSTS) @NotBlank String topic,
        @DefaultValue("4") @Positive int dlqPartitions,
        @DefaultValue("8") @Positive int maxRetries,
        @DefaultValue("500ms") Duration retryInitialInterval,
        @DefaultValue("16s") Duration retryMaxInterval) {

    String dlq() {
        return Topics.dlqOf(topic);
    }
}
