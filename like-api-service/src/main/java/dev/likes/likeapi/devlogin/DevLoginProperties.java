package dev.likes.likeapi.devlogin;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether {@code POST /dev/token} exists ({@code LIKES_DEV_LOGIN}); off everywhere but a developer's
 *     machine, because it hands out a token for any user name
 * @param tokenLifetime how long a dev token is valid; below the services' largest accepted lifetime
 * @param issuer the {@code iss} to put in dev tokens, when the services require one
 * @param audience the {@code aud} to put in dev tokens, when the services require one
 */
@Validated
@ConfigurationProperties("likes.dev-login")
public record DevLoginProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("12h") @NotNull Duration tokenLifetime,
        String issuer,
        String audience) {}
