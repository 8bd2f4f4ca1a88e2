package dev.likes.counts;

import dev.likes.testsupport.BadInputCorpus;
import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator endpoints against what an attacker or a careless client sends: never a 5xx, every refusal a problem. */
@LikesIntegrationTest
class OpsBadInputIT {

    @LocalServerPort
    int port;

    @Test
    void noInputGetsAServerErrorAndEveryRefusalIsAProblem() {
        Map<String, String> operator = Map.of("Authorization", basic("operator", "test-operator-password"));
        var corpus = BadInputCorpus.against(port)
                .refusedBeforeAnyHandler("/ops/dlq/")
                .refusedByTheFirewall("/ops/dlq/", 400)
                .generatedPathSegments("POST", "/ops/", operator, 40)
                .generatedPathSegments("GET", "/actuator/", Map.of(), 30)
                .generatedHeaders("GET", "/ops/dlq/replay", null, 40)
                .add("GET on a POST endpoint", 405, RawHttp.request("GET", "/ops/dlq/replay", operator, null))
                .add("a flag that is no boolean", 400, post("/ops/dlq/replay?fromBeginning=maybe", operator))
                .add(
                        "a huge body",
                        413,
                        RawHttp.request("POST", "/ops/reconciliation/run", json(operator), new byte[64 * 1024]))
                .add("no credentials", 401, post("/ops/dlq/replay", Map.of()))
                .add("a bearer token", 401, post("/ops/dlq/replay", Map.of("Authorization", "Bearer x.y.z")))
                .add(
                        "Basic without a colon",
                        401,
                        post("/ops/dlq/replay", Map.of("Authorization", "Basic " + b64("operator"))))
                .add("Basic that is no base64", 401, post("/ops/dlq/replay", Map.of("Authorization", "Basic %%%")))
                .add(
                        "Basic with a NUL",
                        401,
                        post("/ops/dlq/replay", Map.of("Authorization", basic("oper\u0000ator", "x"))))
                .add("Basic, empty", 401, post("/ops/dlq/replay", Map.of("Authorization", "Basic ")));
        for (String password :
                new String[] {"", "wrong", "test-operator-password ", "TEST-OPERATOR-PASSWORD", "x".repeat(5000)}) {
            corpus.add(
                    "a wrong password " + password.length(),
                    401,
                    post("/ops/dlq/replay", Map.of("Authorization", basic("operator", password))));
        }
        corpus.generatedHeaders("POST", "/ops/reconciliation/run", null, 30);
        Arbitraries.strings()
                .all()
                .ofMaxLength(30)
                .sampleStream()
                .limit(20)
                .forEach(password -> corpus.add(
                        "a generated password",
                        401,
                        post("/ops/dlq/replay", Map.of("Authorization", basic("operator", password)))));
        corpus.assertNoServerErrorAndEveryRefusalIsAProblem();
    }

    private static byte[] post(String target, Map<String, String> headers) {
        return RawHttp.request("POST", target, headers, null);
    }

    private static Map<String, String> json(Map<String, String> headers) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
