package dev.likes.feed;

import dev.likes.testsupport.BadInputCorpus;
import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.RawHttp;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The feed API against what an attacker or a careless client sends: never a 5xx, every refusal a problem. */
@LikesIntegrationTest
class FeedBadInputIT {

    @LocalServerPort
    int port;

    @Test
    void noInputGetsAServerErrorAndEveryRefusalIsAProblem() {
        var corpus = BadInputCorpus.against(port)
                .refusedBeforeAnyHandler("/feed/")
                // No Spring Security here, so no firewall: these reach Spring MVC, which must not fail on them.
                .refusedByTheFirewall("/feed/", 0)
                .generatedPathSegments("GET", "/feed/", Map.of(), 40)
                .generatedPathSegments("GET", "/actuator/", Map.of(), 30)
                .generatedHeaders("GET", "/feed/trending", null, 40)
                .add("a limit that is no number", 400, get("/feed/trending?limit=x"))
                .add("a limit of zero", 400, get("/feed/trending?limit=0"))
                .add("a limit over the maximum", 400, get("/feed/trending?limit=101"))
                .add("a limit beyond int", 400, get("/feed/trending?limit=99999999999999999999"))
                .add(
                        "a body on a GET",
                        0,
                        RawHttp.request(
                                "GET", "/feed/trending", Map.of("Content-Type", "application/json"), "{}".getBytes()))
                .add("POST on a GET endpoint", 405, RawHttp.request("POST", "/feed/trending", Map.of(), null))
                .add(
                        "a huge body",
                        413,
                        RawHttp.request(
                                "POST",
                                "/feed/trending",
                                Map.of("Content-Type", "application/json"),
                                new byte[64 * 1024]));
        Arbitraries.strings()
                .all()
                .ofMaxLength(20)
                .sampleStream()
                .limit(50)
                .forEach(limit -> corpus.add(
                        "limit " + limit,
                        0,
                        get("/feed/trending?limit="
                                + java.net.URLEncoder.encode(limit, java.nio.charset.StandardCharsets.UTF_8))));
        corpus.assertNoServerErrorAndEveryRefusalIsAProblem();
    }

    private static byte[] get(String target) {
        return RawHttp.request("GET", target, Map.of(), null);
    }
}
