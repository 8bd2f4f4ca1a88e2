package dev.likes.likeapi.devlogin;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.likes.kit.security.JwtProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mints a bearer token for any user name, signed with the suite's HS256 secret, so the web page can be tried without
 * an identity provider. The bean exists only when {@code likes.dev-login.enabled} is true; elsewhere the path is a 404.
 */
@RestController
@ConditionalOnProperty(name = "likes.dev-login.enabled", havingValue = "true")
class DevLoginController {

    private static final Logger log = LoggerFactory.getLogger(DevLoginController.class);

    private final JwtEncoder encoder;
    private final DevLoginProperties properties;
    private final Clock clock = Clock.systemUTC();

    DevLoginController(JwtProperties jwt, DevLoginProperties properties) {
        var key = new SecretKeySpec(jwt.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.properties = properties;
        log.atWarn().log("dev sign-in is on: POST /dev/token signs a token for any user name; never in production");
    }

    @Operation(summary = "A token for any user name; only where LIKES_DEV_LOGIN=true (404 elsewhere)")
    @PostMapping("/dev/token")
    DevToken token(@Valid @RequestBody DevLoginRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenLifetime());
        var claims =
                JwtClaimsSet.builder().subject(request.user()).issuedAt(now).expiresAt(expiresAt);
        if (hasText(properties.issuer())) {
            claims.issuer(properties.issuer());
        }
        if (hasText(properties.audience())) {
            claims.audience(List.of(properties.audience()));
        }
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build()))
                .getTokenValue();
        log.atInfo().addKeyValue("userId", request.user()).log("dev token issued");
        return new DevToken(token, request.user(), expiresAt);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    record DevToken(String token, String user, Instant expiresAt) {}
}
