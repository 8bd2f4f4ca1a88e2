package dev.likes.likeapi.benchmark;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /benchmark/noop/{postId}}: the same path shape, bearer-token check, threads and JSON answer as a like,
 * without the database. The benchmark reports likes/s as a ratio to this ceiling. Off unless
 * {@code likes.benchmark.noop-endpoint=true}.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = "likes.benchmark.noop-endpoint", havingValue = "true")
class NoOpController {

    @PostMapping("/benchmark/noop/{postId}")
    Map<String, Object> noop(@PathVariable String postId) {
        return Map.of("postId", postId, "liked", true, "changed", false);
    }
}
