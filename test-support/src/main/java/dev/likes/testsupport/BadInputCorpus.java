package dev.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What an attacker or a careless client sends, against one running service: the cases of issue 12 (Tomcat's own
 * rejections, the firewall's, the error page, TRACE, unusable tokens, duplicate keys, scalars where text belongs,
 * oversized bodies) plus path segments, header values and bodies generated with jqwik. Every answer must be below 500,
 * and every 4xx a problem+json with {@code type}, {@code title}, {@code status} and {@code traceId}; a case that names
 * its status must get exactly that one.
 */
public final class BadInputCorpus {

    /** A request and, if not 0, the only status it may get. */
    public record Case(String name, byte[] request, int expectedStatus) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NO_HEADERS = Map.of();

    private final int port;
    private final List<Case> cases = new ArrayList<>();

    private BadInputCorpus(int port) {
        this.port = port;
    }

    public static BadInputCorpus against(int port) {
        return new BadInputCorpus(port);
    }

    /** Adds one case: a raw request and the status it must get (0: any below 500). */
    public BadInputCorpus add(String name, int expectedStatus, byte[] request) {
        cases.add(new Case(name, request, expectedStatus));
        return this;
    }

    /**
     * What Tomcat, Spring Security's firewall and the error page refuse before any handler runs, under a path the
     * service maps (e.g. {@code /like/count/}).
     */
    public BadInputCorpus refusedBeforeAnyHandler(String mappedPrefix) {
        for (String segment : List.of("a%2Fb", "a%5Cb", "a%00b", "a%ffb", "%c0%af", "a\"b", "a<b>", "a{b}", "a|b")) {
            add("Tomcat refuses " + segment, 400, get(mappedPrefix + segment));
        }
        // Tomcat checks the path's escapes but not those of its ;parameters, which Spring MVC decodes later.
        add("a broken escape", 400, get(mappedPrefix + "x%L"));
        add("a broken escape in a path parameter", 400, get(mappedPrefix + "x;a%L"));
        add("a broken escape in a path parameter mid-path", 400, get(mappedPrefix + "(x;a%L/y"));
        add("a URL over 8 KB", 400, get(mappedPrefix + "a".repeat(9 * 1024)));
        add(
                "a header over 8 KB",
                400,
                RawHttp.request("GET", mappedPrefix + "x", Map.of("X-Big", "a".repeat(9 * 1024)), null));
        add("headers over 8 KB together", 400, RawHttp.request("GET", mappedPrefix + "x", manyHeaders(), null));
        add("GET /error", 404, get("/error"));
        add(
                "POST /error",
                404,
                RawHttp.request(
                        "POST",
                        "/error",
                        Map.of("Content-Type", "application/json"),
                        "{}".getBytes(StandardCharsets.UTF_8)));
        add("TRACE", 405, RawHttp.request("TRACE", mappedPrefix + "x", NO_HEADERS, null));
        add("TRACE /", 405, RawHttp.request("TRACE", "/", NO_HEADERS, null));
        add("an unknown method", 0, RawHttp.request("PROPFIND", mappedPrefix + "x", NO_HEADERS, null));
        add("a made-up method", 0, RawHttp.request("BREW", mappedPrefix + "x", NO_HEADERS, null));
        add("an unmapped path", 0, get("/no/such/path"));
        add("the root", 0, get("/"));
        add("an absolute-form target", 0, get("http://127.0.0.1:" + port + mappedPrefix + "x"));
        add(
                "an Accept nobody serves",
                0,
                RawHttp.request("GET", mappedPrefix + "x", Map.of("Accept", "image/png"), null));
        add("a malformed Accept", 0, RawHttp.request("GET", mappedPrefix + "x", Map.of("Accept", "///;;;"), null));
        return this;
    }

    /**
     * What Spring Security's firewall refuses (400), under a path the service maps; a service without Spring Security
     * passes 0: no 5xx, and a refusal is a problem.
     */
    public BadInputCorpus refusedByTheFirewall(String mappedPrefix, int expectedStatus) {
        for (String segment : List.of(
                "a;b", "a;jsessionid=1", "%2e%2e", "%2E%2E/x", "x/%2e%2e/y", "/x", "x//y", "a%25b", "a%0ab", "a%0db")) {
            add("the firewall refuses " + segment, expectedStatus, get(mappedPrefix + segment));
        }
        return this;
    }

    /** {@code count} path segments of any characters, percent-encoded as UTF-8 after {@code prefix}. */
    public BadInputCorpus generatedPathSegments(String method, String prefix, Map<String, String> headers, int count) {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        anything.sampleStream().limit(count).forEach(segment -> {
            String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
            add(method + " " + prefix + encoded, 0, RawHttp.request(method, prefix + encoded, headers, null));
        });
        Arbitrary<String> rawAscii =
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20);
        rawAscii.sampleStream()
                .limit(count / 2)
                .forEach(segment -> add(
                        method + " raw " + prefix + segment,
                        0,
                        RawHttp.request(method, prefix + segment, headers, null)));
        return this;
    }

    /** {@code count} requests to {@code path} whose headers (token, content type, accept, trace) carry junk. */
    public BadInputCorpus generatedHeaders(String method, String path, byte[] body, int count) {
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
        Arbitrary<String> name = Arbitraries.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "traceparent",
                "Accept-Language",
                "X-Forwarded-For",
                "Origin",
                "Range",
                "If-None-Match",
                "Content-Encoding");
        Arbitraries.entries(name, value).sampleStream().limit(count).forEach(header -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(
                    header.getKey(),
                    header.getValue().trim().isEmpty() ? "x" : header.getValue().trim());
            if (body != null && !header.getKey().equals("Content-Type")) {
                headers.put("Content-Type", "application/json");
            }
            add(
                    method + " " + path + " with " + header.getKey() + ": " + header.getValue(),
                    0,
                    RawHttp.request(method, path, headers, body));
        });
        return this;
    }

    /** Tokens the strict rules refuse, each on {@code method path}: 401. */
    public BadInputCorpus unusableTokens(String method, String path, byte[] body) {
        long now = Instant.now().getEpochSecond();
        Map<String, Map<String, Object>> claims = new LinkedHashMap<>();
        claims.put("no exp", Map.of("sub", "alice", "iat", now));
        claims.put("a 100-year exp", Map.of("sub", "alice", "iat", now, "exp", now + 100L * 365 * 86_400));
        claims.put("exp 25 h away", Map.of("sub", "alice", "iat", now, "exp", now + 25 * 3_600));
        claims.put("expired", Map.of("sub", "alice", "iat", now - 7_200, "exp", now - 3_600));
        claims.put("no sub", Map.of("iat", now, "exp", now + 600));
        claims.put("an empty sub", Map.of("sub", "", "exp", now + 600));
        claims.put("a blank sub", Map.of("sub", "   ", "exp", now + 600));
        claims.put("a NUL in sub", Map.of("sub", "al\u0000ice", "exp", now + 600));
        claims.put("a newline in sub", Map.of("sub", "alice\n", "exp", now + 600));
        claims.put("a 300-character sub", Map.of("sub", "u".repeat(300), "exp", now + 600));
        claims.put("a 256-character sub", Map.of("sub", "u".repeat(256), "exp", now + 600));
        claims.put("nbf in the future", Map.of("sub", "alice", "nbf", now + 3_600, "exp", now + 7_200));
        claims.forEach(
                (name, set) -> addWithToken("a token with " + name, method, path, body, JwtTokens.withClaims(set)));
        addWithToken(
                "a token signed with another secret",
                method,
                path,
                body,
                JwtTokens.forUser(
                        "alice", "another-secret-that-is-long-enough-0123456789", java.time.Duration.ofHours(1)));
        addWithToken("an unsigned token", method, path, body, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
        addWithToken("garbage", method, path, body, "not-a-token");
        addWithToken("an empty token", method, path, body, "");
        add(
                "Basic instead of Bearer",
                401,
                RawHttp.request(method, path, withJson(body, Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0")), body));
        add("no token", 401, RawHttp.request(method, path, withJson(body, NO_HEADERS), body));
        return this;
    }

    /**
     * Bodies a JSON endpoint must refuse with 400 (or 413, 415), sent with a good token: {@code field} is the one
     * text field the body has.
     */
    public BadInputCorpus badBodies(
            String method, String path, Map<String, String> headers, String field, int generated) {
        Map<String, String> json = withJson(new byte[0], headers);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("duplicate keys", "{\"%1$s\":\"a\",\"%1$s\":\"a\"}");
        bodies.put("duplicate keys with different values", "{\"%1$s\":\"a\",\"%1$s\":\"b\"}");
        bodies.put("a number for text", "{\"%s\":5}");
        bodies.put("a decimal for text", "{\"%s\":5.5}");
        bodies.put("a boolean for text", "{\"%s\":true}");
        bodies.put("an array for text", "{\"%s\":[\"a\"]}");
        bodies.put("an object for text", "{\"%s\":{\"a\":1}}");
        bodies.put("a NUL in text", "{\"%s\":\"a\\u0000b\"}");
        bodies.put("an unknown field", "{\"%s\":\"a\",\"userId\":\"mallory\"}");
        bodies.put("not JSON", "%s=a");
        bodies.put("truncated JSON", "{\"%s\":\"a\"");
        bodies.put("a JSON array", "[\"%s\"]");
        bodies.put("a JSON string", "\"%s\"");
        bodies.put("deep nesting", "[".repeat(5_000) + "]".repeat(5_000));
        bodies.forEach((name, body) -> add(
                name,
                400,
                RawHttp.request(method, path, json, body.formatted(field).getBytes(StandardCharsets.UTF_8))));
        add("an empty object", 0, RawHttp.request(method, path, json, "{}".getBytes(StandardCharsets.UTF_8)));
        add(
                "a lone surrogate",
                0,
                RawHttp.request(
                        method, path, json, ("{\"" + field + "\":\"\\ud800\"}").getBytes(StandardCharsets.UTF_8)));
        add("JSON null", 0, RawHttp.request(method, path, json, "null".getBytes(StandardCharsets.UTF_8)));
        add("an empty body", 0, RawHttp.request(method, path, json, new byte[0]));
        add("invalid UTF-8", 400, RawHttp.request(method, path, json, new byte[] {
            '{', '"', (byte) 0xff, '"', ':', '1', '}'
        }));
        add(
                "a 2 MB body",
                413,
                RawHttp.request(
                        method,
                        path,
                        json,
                        ("{\"" + field + "\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        Map<String, String> textPlain = new LinkedHashMap<>(headers);
        textPlain.put("Content-Type", "text/plain");
        add("text/plain", 415, RawHttp.request(method, path, textPlain, "{}".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> xml = new LinkedHashMap<>(headers);
        xml.put("Content-Type", "application/xml");
        add("XML", 415, RawHttp.request(method, path, xml, "<a/>".getBytes(StandardCharsets.UTF_8)));

        Arbitrary<String> junk = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(s -> jsonObject(field, s)),
                Arbitraries.integers().map(i -> "{\"" + field + "\":" + i + "}"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.strings().withChars("{}[]\":,\\ntrue").ofMaxLength(30));
        junk.sampleStream()
                .limit(generated)
                .forEach(body -> add(
                        "body " + body, 0, RawHttp.request(method, path, json, body.getBytes(StandardCharsets.UTF_8))));
        return this;
    }

    public List<Case> cases() {
        return List.copyOf(cases);
    }

    /** Sends every case and fails with all the answers that break the rules at once. */
    public void assertNoServerErrorAndEveryRefusalIsAProblem() {
        assertThat(cases).as("the corpus of one service").hasSizeGreaterThanOrEqualTo(200);
        // A few connections at a time: each case is its own connection, and one at a time made a corpus take long.
        var pool = Executors.newFixedThreadPool(4);
        List<String> broken;
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (Case c : cases) {
                verdicts.add(pool.submit(() -> verdict(c)));
            }
            broken = new ArrayList<>();
            for (Future<String> verdict : verdicts) {
                String problem = verdict.get();
                if (problem != null) {
                    broken.add(problem);
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(broken)
                .as("answers that are a 5xx, a 4xx that is no problem+json, or not the expected status, of "
                        + cases.size())
                .isEmpty();
    }

    private String verdict(Case c) {
        RawHttp.Answer answer;
        try {
            answer = RawHttp.send(port, c.request());
        } catch (IllegalStateException e) {
            return shorten(c.name()) + ": " + e.getMessage();
        }
        String problem = breaksTheRules(c, answer);
        return problem == null
                ? null
                : shorten(c.name()) + " -> " + answer.status() + " " + answer.contentType() + " "
                        + shorten(answer.body()) + ": " + problem;
    }

    private static String breaksTheRules(Case c, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "a server error";
        }
        if (c.expectedStatus() != 0 && answer.status() != c.expectedStatus()) {
            return "expected " + c.expectedStatus();
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "not problem+json";
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (!body.path("type").asText().startsWith("urn:likes:problem:")) {
                return "no type of the suite";
            }
            if (body.path("title").asText().isBlank()) {
                return "no title";
            }
            if (body.path("status").asInt() != answer.status()) {
                return "a status unlike the answer's";
            }
            if (!body.path("traceId").asText().matches("[0-9a-f]{32}")) {
                return "no traceId";
            }
            return null;
        } catch (Exception e) {
            return "a body that is no JSON";
        }
    }

    private void addWithToken(String name, String method, String path, byte[] body, String token) {
        add(name, 401, RawHttp.request(method, path, withJson(body, Map.of("Authorization", "Bearer " + token)), body));
    }

    private static Map<String, String> withJson(byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        return all;
    }

    private static Map<String, String> manyHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            headers.put("X-Header-" + i, "v".repeat(250));
        }
        return headers;
    }

    private static byte[] get(String target) {
        return RawHttp.request("GET", target, NO_HEADERS, null);
    }

    private static String jsonObject(String field, String value) {
        try {
            return JSON.writeValueAsString(Map.of(field, value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String text) {
        String oneLine = text.chars()
                .mapToObj(
                        ch -> ch < 0x20 || ch > 0x7e ? String.format("\\x%02x", ch & 0xff) : String.valueOf((char) ch))
                .collect(Collectors.joining());
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
