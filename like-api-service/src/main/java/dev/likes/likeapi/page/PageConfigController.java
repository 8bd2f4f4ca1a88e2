package dev.likes.likeapi.page;

import dev.likes.likeapi.devlogin.DevLoginProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
class PageConfigController {

    private final WebPageProperties properties;
    private final DevLoginProperties devLogin;

    PageConfigController(WebPageProperties properties, DevLoginProperties devLogin) {
        this.properties = properties;
        this.devLogin = devLogin;
    }

    @Operation(summary = "What the web page needs to know: the other services' URLs and whether dev sign-in is on")
    @GetMapping("/config.json")
    PageConfig config(HttpServletRequest request) {
        return new PageConfig(
                orSameHost(properties.feedUrl(), request, 8084),
                orSameHost(properties.notificationsUrl(), request, 8083),
                devLogin.enabled());
    }

    /** The host the browser used, so the defaults work for 127.0.0.1, localhost or a LAN name alike. */
    private static String orSameHost(String configured, HttpServletRequest request, int port) {
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return UriComponentsBuilder.newInstance()
                .scheme(request.getScheme())
                .host(request.getServerName())
                .port(port)
                .toUriString();
    }

    record PageConfig(String feedUrl, String notificationsUrl, boolean devLogin) {}
}
