package dev.likes.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claims a bearer token must carry, as one validator chain on the kit's decoder: a token that fails any rule is
 * an invalid token, which the resource server answers with the kit's 401 problem.
 */
final class TokenRules {

    /** The tolerance Spring Security's own timestamp check allows for clocks that differ between machines. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private TokenRules() {}

    static OAuth2TokenValidator<Jwt> of(JwtProperties.Jwt rules, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // The default checks exp and nbf only when present; a token without exp would be valid forever.
        validators.add(JwtValidators.createDefault());
        validators.add(new JwtClaimValidator<Instant>(
                JwtClaimNames.EXP,
                exp -> exp != null
                        && !exp.isAfter(
                                clock.instant().plus(rules.maxLifetime()).plus(CLOCK_SKEW))));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, Subjects::isUsable));
        if (rules.issuer() != null && !rules.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(rules.issuer()));
        }
        if (rules.audience() != null && !rules.audience().isBlank()) {
            validators.add(new JwtAudienceValidator(rules.audience()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
