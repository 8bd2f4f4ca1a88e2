package dev.likes.loadtest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer headers for users {@code u0..u(n-1)}, HS256-signed up front: signing per request would make the load
 * generator, not the service, the thing measured. A million headers take about 200 MB of heap.
 */
final class Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final String[] bearerHeaders;

    private Tokens(String[] bearerHeaders) {
        this.bearerHeaders = bearerHeaders;
    }

    static Tokens mint(String secret, int users) {
        long now = System.currentTimeMillis() / 1000;
        long exp = now + 86_400; // outlives any run
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        String[] headers = new String[users];
        // Mac is not thread-safe: one per worker thread of the parallel stream.
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> newMac(key));
        IntStream.range(0, users).parallel().forEach(i -> {
            String payload =
                    B64.encodeToString(("{\"sub\":\"" + userId(i) + "\",\"iat\":" + now + ",\"exp\":" + exp + "}")
                            .getBytes(StandardCharsets.UTF_8));
            String signingInput = HEADER + "." + payload;
            byte[] signature = macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            headers[i] = "Bearer " + signingInput + "." + B64.encodeToString(signature);
        });
        return new Tokens(headers);
    }

    /** One bearer header for a named user (the freshness sampler's), signed like the others. */
    static String bearerFor(String secret, String userId) {
        long now = System.currentTimeMillis() / 1000;
        String payload =
                B64.encodeToString(("{\"sub\":\"" + userId + "\",\"iat\":" + now + ",\"exp\":" + (now + 86_400) + "}")
                        .getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        byte[] signature = newMac(secret.getBytes(StandardCharsets.UTF_8))
                .doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return "Bearer " + signingInput + "." + B64.encodeToString(signature);
    }

    static String userId(int i) {
        return "u" + i;
    }

    /** The {@code Authorization} header value of user {@code i}. */
    String bearer(int i) {
        return bearerHeaders[i];
    }

    int users() {
        return bearerHeaders.length;
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
