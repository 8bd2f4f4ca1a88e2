package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class CurrentUserArgumentResolverTest {

    private final CurrentUserArgumentResolver resolver = new CurrentUserArgumentResolver();

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCurrentUserParameterIsTheTokensSubject() throws Exception {
        var token = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("alice")
                .issuedAt(Instant.now())
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token));

        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.resolveArgument(parameter(0), null, null, null)).isEqualTo("alice");
    }

    @Test
    void withoutATokenItIsNull() throws Exception {
        assertThat(resolver.resolveArgument(parameter(0), null, null, null)).isNull();

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone", "password"));
        assertThat(resolver.resolveArgument(parameter(0), null, null, null)).isNull();
    }

    @Test
    void otherParametersAreNotItsBusiness() throws Exception {
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
    }

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method handler = Handler.class.getDeclaredMethod("like", String.class, String.class);
        return new MethodParameter(handler, index);
    }

    @SuppressWarnings("unused")
    private static final class Handler {
        void like(@CurrentUser String userId, String postId) {}
    }
}
