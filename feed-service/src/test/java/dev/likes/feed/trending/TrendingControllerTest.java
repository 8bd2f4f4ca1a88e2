package dev.likes.feed.trending;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The trending call's mapping and error answers; the scores are a mock (TrendingScoresIT runs them on Redis). */
@WebMvcTest(TrendingController.class)
class TrendingControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    TrendingScores scores;

    @Test
    void theDefaultLimitIs20() throws Exception {
        when(scores.top(20)).thenReturn(List.of(new TrendingPost("p1", 2.5)));

        http.perform(get("/feed/trending"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].postId").value("p1"))
                .andExpect(jsonPath("$[0].score").value(2.5));
    }

    @Test
    void aLimitOutside1To100IsABadRequestProblem() throws Exception {
        http.perform(get("/feed/trending?limit=0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        http.perform(get("/feed/trending?limit=101")).andExpect(status().isBadRequest());
        verifyNoInteractions(scores);
    }

    @Test
    void aWrongMethodIsA405WithAStableType() throws Exception {
        http.perform(delete("/feed/trending"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-405"));
    }
}
