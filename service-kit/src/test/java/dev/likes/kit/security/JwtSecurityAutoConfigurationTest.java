package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import dev.likes.kit.web.RejectionListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

class JwtSecurityAutoConfigurationTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    TracingAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class,
                    JwtSecurityAutoConfiguration.class));

    @Test
    void theDecoderAcceptsAnHs256TokenSignedWithTheSecretAndRefusesAnother() {
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET).run(context -> {
            assertThat(context).hasSingleBean(BearerTokenSecurity.class);
            var decoder = context.getBean(JwtDecoder.class);

            assertThat(decoder.decode(token(SECRET, "alice")).getSubject()).isEqualTo("alice");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> decoder.decode(token("another-secret-that-is-long-enough-0123456789", "mallory")))
                    .isInstanceOf(JwtException.class);
        });
    }

    @Test
    void withoutASecretTheServiceDoesNotStart() {
        web.run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("set LIKES_JWT_SECRET"));
    }

    @Test
    void aShortSecretIsRefusedAtStartup() {
        web.withPropertyValues("likes.security.jwt-secret=too-short")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().hasStackTraceContaining("at least 32 characters"));
    }

    @Test
    void aServiceThatIsNoResourceServerNeedsNoSecretAndGetsNoDecoder() {
        web.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationToken.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void aServicesOwnDecoderWins() {
        JwtDecoder own = token -> {
            throw new JwtException("own");
        };
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JwtSecurityAutoConfiguration.class))
                .withBean(JwtDecoder.class, () -> own)
                .withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .run(context -> assertThat(context).getBean(JwtDecoder.class).isSameAs(own));
    }

    @Test
    void a401IsAProblemWithABearerChallengeAndIsCounted() {
        List<String> rejected = new ArrayList<>();
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .withBean(RejectionListener.class, () -> rejected::add)
                .run(context -> {
                    var response = new MockHttpServletResponse();

                    context.getBean(ProblemAuthenticationEntryPoint.class)
                            .commence(new MockHttpServletRequest(), response, new BadCredentialsException("bad"));

                    assertThat(response.getStatus()).isEqualTo(401);
                    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
                    assertThat(response.getContentType()).isEqualTo("application/problem+json");
                    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                            .contains("\"type\":\"urn:likes:problem:unauthorized\"")
                            .doesNotContain("bad");
                    assertThat(rejected).containsExactly("unauthorized");
                });
    }

    @Test
    void a403IsAProblemAndIsCounted() {
        List<String> rejected = new ArrayList<>();
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .withBean(RejectionListener.class, () -> rejected::add)
                .run(context -> {
                    var response = new MockHttpServletResponse();

                    context.getBean(ProblemAccessDeniedHandler.class)
                            .handle(new MockHttpServletRequest(), response, new AccessDeniedException("no"));

                    assertThat(response.getStatus()).isEqualTo(403);
                    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                            .contains("\"type\":\"urn:likes:problem:forbidden\"");
                    assertThat(rejected).containsExactly("forbidden");
                });
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(claims -> claims.subject("alice"));
    }

    @Test
    void aTokenLivingLongerThanTheMaximumLifetimeIsRefused() {
        assertRefused(claims -> claims.subject("alice").expiresAt(Instant.now().plus(Duration.ofDays(36500))));
        assertRefused(claims -> claims.subject("alice").expiresAt(Instant.now().plus(Duration.ofHours(25))));
    }

    @Test
    void aTokenOfExactlyTheDefaultMaximumLifetimeIsAccepted() {
        // bin/bench-stress mints tokens for 86400 s.
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)
                                .decode(token(SECRET, claims -> claims.subject("alice")
                                        .expiresAt(Instant.now().plusSeconds(86400))))
                                .getSubject())
                        .isEqualTo("alice"));
    }

    @Test
    void theMaximumLifetimeIsConfigurable() {
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET, "likes.security.jwt.max-lifetime=10m")
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class)
                                .decode(token(SECRET, claims -> claims.subject("alice")
                                        .expiresAt(Instant.now().plus(Duration.ofMinutes(30))))))
                        .isInstanceOf(JwtValidationException.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "al\u0000ice", "alice\n", "al\u001bice"})
    void anUnusableSubjectIsRefused(String subject) {
        assertRefused(claims -> claims.subject(subject).expiresAt(Instant.now().plusSeconds(60)));
    }

    @Test
    void aMissingSubjectIsRefused() {
        assertRefused(
                claims -> claims.claim("name", "alice").expiresAt(Instant.now().plusSeconds(60)));
    }

    @Test
    void aSubjectLongerThanAUserIdColumnIsRefusedAndOneThatFitsIsAccepted() {
        assertRefused(claims ->
                claims.subject("u".repeat(256)).expiresAt(Instant.now().plusSeconds(60)));
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)
                                .decode(token(SECRET, claims -> claims.subject("ü".repeat(255))
                                        .expiresAt(Instant.now().plusSeconds(60))))
                                .getSubject())
                        .hasSize(255));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        web.withPropertyValues(
                        "likes.security.jwt-secret=" + SECRET,
                        "likes.security.jwt.issuer=https://auth.likes.dev",
                        "likes.security.jwt.audience=likes-api")
                .run(context -> {
                    var decoder = context.getBean(JwtDecoder.class);
                    Instant soon = Instant.now().plusSeconds(60);

                    assertThat(decoder.decode(token(SECRET, claims -> claims.subject("alice")
                                            .expiresAt(soon)
                                            .issuer("https://auth.likes.dev")
                                            .audience(List.of("likes-api"))))
                                    .getSubject())
                            .isEqualTo("alice");
                    assertThatThrownBy(() -> decoder.decode(token(SECRET, claims -> claims.subject("alice")
                                    .expiresAt(soon)
                                    .issuer("https://evil.example")
                                    .audience(List.of("likes-api")))))
                            .isInstanceOf(JwtValidationException.class);
                    assertThatThrownBy(() -> decoder.decode(token(SECRET, claims -> claims.subject("alice")
                                    .expiresAt(soon)
                                    .issuer("https://auth.likes.dev")
                                    .audience(List.of("another-api")))))
                            .isInstanceOf(JwtValidationException.class);
                    assertThatThrownBy(() -> decoder.decode(token(
                                    SECRET, claims -> claims.subject("alice").expiresAt(soon))))
                            .isInstanceOf(JwtValidationException.class);
                });
    }

    @Test
    void withoutIssuerAndAudienceConfiguredTheyAreNotRequired() {
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET)
                .run(context -> assertThat(context.getBean(JwtDecoder.class)
                                .decode(token(SECRET, claims -> claims.subject("alice")
                                        .issuer("anyone")
                                        .expiresAt(Instant.now().plusSeconds(60))))
                                .getSubject())
                        .isEqualTo("alice"));
    }

    private void assertRefused(Consumer<JwtClaimsSet.Builder> claims) {
        web.withPropertyValues("likes.security.jwt-secret=" + SECRET).run(context -> assertThatThrownBy(
                        () -> context.getBean(JwtDecoder.class).decode(token(SECRET, claims)))
                .isInstanceOf(JwtValidationException.class));
    }

    private static String token(String secret, String subject) {
        return token(secret, claims -> claims.subject(subject)
                .expiresAt(Instant.now().plusSeconds(60)));
    }

    private static String token(String secret, Consumer<JwtClaimsSet.Builder> claims) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        var builder = JwtClaimsSet.builder().issuedAt(Instant.now());
        claims.accept(builder);
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), builder.build()))
                .getTokenValue();
    }
}
