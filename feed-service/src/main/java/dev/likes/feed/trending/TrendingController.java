package dev.likes.feed.trending;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public trending list. */
@RestController
class TrendingController {

    private final TrendingScores scores;

    TrendingController(TrendingScores scores) {
        this.scores = scores;
    }

    // Constraints on the parameter, no @Validated on the class: Spring MVC's own method validation then answers a bad
    // limit with a 400 problem instead of a ConstraintViolationException.
    @GetMapping("/feed/trending")
    List<TrendingPost> trending(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return scores.top(limit);
    }
}
