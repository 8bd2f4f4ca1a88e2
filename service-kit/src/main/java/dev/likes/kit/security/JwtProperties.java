package dev.likes.kit.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param jwtSecret the HS256 secret bearer tokens are signed with ({@code LIKES_JWT_SECRET}); at least 32 bytes,
 *     because HS256 with a shorter key is guessable
 * @param jwt what a token must claim besides a valid signature
 */
@Validated
@ConfigurationProperties("likes.security")
public record JwtProperties(
        @NotBlank(message = "set LIKES_JWT_SECRET")
                @Size(min = 32, message = "LIKES_JWT_SECRET needs at least 32 characters")
                String jwtSecret,
        @DefaultValue @Valid Jwt jwt) {

    /**
     * @param maxLifetime how far away a token's {@code exp} may be: a stolen token is worth at most this long, and a
     *     token without {@code exp} (which would never expire) is refused
     * @param issuer when set, the {@code iss} every token must carry
     * @param audience when set, a value the token's {@code aud} must contain
     * @param verifiedCacheSize how many accepted tokens an instance remembers, so the same token's next requests skip
     *     the signature check; {@code 0} checks every request's token in full
     * @param verifiedCacheTime how long an accepted token is remembered at most (never past its {@code exp})
     */
    public record Jwt(
            @DefaultValue("24h") @NotNull Duration maxLifetime,
            String issuer,
            String audience,
            @DefaultValue("10000") @PositiveOrZero long verifiedCacheSize,
            @DefaultValue("5m") @NotNull Duration verifiedCacheTime) {}
}
