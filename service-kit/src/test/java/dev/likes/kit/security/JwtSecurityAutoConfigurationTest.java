package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import dev.likes.kit.web.ProblemDetailsAutoConfiguration;
import dev.likes.kit.web.RejectionListener;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
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

    private static String token(String secret, String subject) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        var claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
