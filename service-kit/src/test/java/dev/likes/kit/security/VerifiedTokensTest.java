package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final AtomicInteger fullChecks = new AtomicInteger();
    private Instant now = NOW;

    /** Accepts "good-*" tokens, valid for ten minutes from the first check; refuses everything else. */
    private final JwtDecoder decoder = token -> {
        fullChecks.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "HS256")
                .subject(token.substring(5))
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofMinutes(10)))
                .build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(decoder, 100, Duration.ofMinutes(5), () -> now);

    @Test
    void aTokenThatPassedIsNotCheckedAgainOnItsNextRequests() {
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.decode("good-alice").getSubject()).isEqualTo("alice");
        }

        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged-alice")).isInstanceOf(BadJwtException.class);
        }

        assertThat(fullChecks).hasValue(3);
    }

    @Test
    void anExpiredTokenIsCheckedInFullAgain() {
        tokens.decode("good-alice");

        now = NOW.plus(Duration.ofMinutes(10));
        tokens.decode("good-alice");

        assertThat(fullChecks).hasValue(2);
    }
}
