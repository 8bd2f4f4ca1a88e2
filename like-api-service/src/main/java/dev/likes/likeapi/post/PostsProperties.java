package dev.likes.likeapi.post;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param ownerCacheTtl how long an instance trusts its in-memory owner of a post. The instance that deletes a post
 *     forgets it at once; every other instance within this time, so it bounds how long a deleted post can still be
 *     liked there (such a late like is ignored downstream: every consumer remembers the deletion)
 */
@Validated
@ConfigurationProperties("likes.posts")
record PostsProperties(@DefaultValue("30s") @NotNull Duration ownerCacheTtl) {}
