package dev.likes.likeapi.stream;

import dev.likes.likeapi.post.PostId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotEmpty;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class CountStreamController {

    private final CountStreams streams;
    private final CountStreamProperties properties;

    CountStreamController(CountStreams streams, CountStreamProperties properties) {
        this.streams = streams;
        this.properties = properties;
    }

    @Operation(
            summary = "Live like counts as Server-Sent Events; public",
            description = "Event `count`, data `{\"postId\",\"count\"}`: first the current count of each post, then"
                    + " at most about four updates a second per post. Reconnecting starts with the current counts.")
    @GetMapping(path = "/like/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam @NotEmpty List<@PostId String> postIds, HttpServletResponse response) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(postIds));
        if (distinct.size() > properties.maxPostsPerStream()) {
            throw new TooManyPosts(properties.maxPostsPerStream());
        }
        SseEmitter emitter;
        try {
            emitter = streams.open(distinct);
        } catch (TooManyStreams full) {
            // Kept on the problem answer: the page waits this long before trying again.
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            throw full;
        }
        // Proxies such as nginx would otherwise buffer the stream and deliver counts in lumps.
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }
}
