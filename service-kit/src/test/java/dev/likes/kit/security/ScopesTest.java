package dev.likes.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

class ScopesTest {

    private final JwtAuthenticationConverter springDefaults = new JwtAuthenticationConverter();

    @Test
    void aServiceTokenWithTheScopeClaimIsGrantedPostsWrite() {
        var service = springDefaults.convert(token(Map.of("sub", "platform", "scope", "posts:write profile")));

        assertThat(Scopes.granted(service, Scopes.POSTS_WRITE)).isTrue();
    }

    @Test
    void aUserTokenIsNot() {
        var user = springDefaults.convert(token(Map.of("sub", "alice")));
        var otherScope = springDefaults.convert(token(Map.of("sub", "alice", "scope", "posts:read")));

        assertThat(Scopes.granted(user, Scopes.POSTS_WRITE)).isFalse();
        assertThat(Scopes.granted(otherScope, Scopes.POSTS_WRITE)).isFalse();
        assertThat(Scopes.granted(null, Scopes.POSTS_WRITE)).isFalse();
    }

    private static Jwt token(Map<String, Object> claims) {
        return new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "HS256"), claims);
    }
}
