package dev.likes.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Mints the HS256 bearer tokens the services accept, for tests. */
public final class JwtTokens {

    /** The secret the services use under test unless a test sets {@code likes.security.jwt-secret}. */
    public static final String TEST_SECRET = "test-secret-for-integration-tests-only-0123456789";

    private JwtTokens() {}

    /** A token for {@code userId}, valid for an hour, signed with {@link #TEST_SECRET}. */
    public static String forUser(String userId) {
        return forUser(userId, TEST_SECRET, Duration.ofHours(1));
    }

    /**
     * A token for a service: subject {@code serviceId}, the given space-separated {@code scope} claim (e.g. {@code
     * posts:write}), valid for an hour, signed with {@link #TEST_SECRET}.
     */
    public static String forService(String serviceId, String scope) {
        return sign(new JWTClaimsSet.Builder().claim("scope", scope), serviceId, TEST_SECRET, Duration.ofHours(1));
    }

    /** A token for {@code userId} signed with {@code secret}, expiring after {@code validFor} (negative: expired). */
    public static String forUser(String userId, String secret, Duration validFor) {
        return sign(new JWTClaimsSet.Builder(), userId, secret, validFor);
    }

    /**
     * A token carrying exactly {@code claims} (say without {@code exp}, or with a blank {@code sub}), signed with
     * {@link #TEST_SECRET}: the signature is right, so only the token rules can refuse it.
     */
    public static String withClaims(Map<String, Object> claims) {
        try {
            return signed(JWTClaimsSet.parse(claims), TEST_SECRET);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("Not a claims set: " + claims, e);
        }
    }

    private static String sign(JWTClaimsSet.Builder builder, String subject, String secret, Duration validFor) {
        Instant now = Instant.now();
        return signed(
                builder.subject(subject)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(validFor)))
                        .build(),
                secret);
    }

    private static String signed(JWTClaimsSet claims, String secret) {
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Cannot sign with this secret (HS256 needs at least 32 bytes)", e);
        }
    }
}
