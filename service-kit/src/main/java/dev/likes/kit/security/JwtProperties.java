package dev.likes.kit.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param jwtSecret the HS256 secret bearer tokens are signed with ({@code LIKES_JWT_SECRET}); at least 32 bytes,
 *     because HS256 with a shorter key is guessable
 */
@Validated
@ConfigurationProperties("likes.security")
public record JwtProperties(
        @NotBlank(message = "set LIKES_JWT_SECRET")
                @Size(min = 32, message = "LIKES_JWT_SECRET needs at least 32 characters")
                String jwtSecret) {}
