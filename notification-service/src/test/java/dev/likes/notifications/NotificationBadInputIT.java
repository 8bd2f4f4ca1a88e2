package dev.likes.notifications;

import dev.likes.testsupport.BadInputCorpus;
import dev.likes.testsupport.JwtTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The notification API against what an attacker or a careless client sends: never a 5xx, every refusal a problem. */
class NotificationBadInputIT extends NotificationIntegrationSupport {

    @LocalServerPort
    int port;

    @Test
    void noInputGetsAServerErrorAndEveryRefusalIsAProblem() {
        Map<String, String> signedIn = Map.of("Authorization", "Bearer " + JwtTokens.forUser(randomId("bad-input")));

        BadInputCorpus.against(port)
                .refusedBeforeAnyHandler("/devices/")
                .refusedByTheFirewall("/notifications/", 400)
                .generatedPathSegments("DELETE", "/devices/", signedIn, 30)
                .generatedPathSegments("POST", "/notifications/", signedIn, 30)
                .generatedHeaders("GET", "/notifications", null, 30)
                .unusableTokens("GET", "/notifications", null)
                .unusableTokens(
                        "POST", "/devices", "{\"token\":\"t\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .badBodies("POST", "/devices", signedIn, "token", 40)
                .add("a page that is no number", 400, get("/notifications?page=x", signedIn))
                .add("a negative page", 400, get("/notifications?page=-1", signedIn))
                .add("a page size over the limit", 400, get("/notifications?size=1000", signedIn))
                .add("a page beyond int", 400, get("/notifications?page=99999999999999999999", signedIn))
                .add("a notification id that is no number", 400, post("/notifications/abc/read", signedIn))
                .add("a notification id beyond long", 400, post("/notifications/99999999999999999999/read", signedIn))
                .assertNoServerErrorAndEveryRefusalIsAProblem();
    }

    private static byte[] get(String target, Map<String, String> headers) {
        return dev.likes.testsupport.RawHttp.request("GET", target, headers, null);
    }

    private static byte[] post(String target, Map<String, String> headers) {
        return dev.likes.testsupport.RawHttp.request("POST", target, headers, null);
    }
}
