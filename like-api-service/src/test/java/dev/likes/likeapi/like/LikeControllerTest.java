package dev.likes.likeapi.like;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.likeapi.post.PostNotFound;
import dev.likes.likeapi.web.WebSlice;
import dev.likes.testsupport.JwtTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The like calls' mapping and error answers; the service behind them is a mock, the token checks are real. */
@WebMvcTest(LikeController.class)
@WebSlice
class LikeControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    LikeService likes;

    @Test
    void likeAnswersTheResultForTheTokensSubject() throws Exception {
        when(likes.like("p1", "alice")).thenReturn(new LikeResult("p1", true, true, "t1"));

        as("alice", post("/like/p1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.postId").value("p1"))
                .andExpect(jsonPath("$.liked").value(true))
                .andExpect(jsonPath("$.changed").value(true));
    }

    @Test
    void unlikeIsADelete() throws Exception {
        when(likes.unlike("p1", "alice")).thenReturn(new LikeResult("p1", false, false, null));

        as("alice", delete("/like/p1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.liked").value(false));
    }

    @Test
    void toggleTakesThePostIdFromTheBody() throws Exception {
        when(likes.toggle("p1", "alice")).thenReturn(new LikeResult("p1", true, true, null));

        as("alice", post("/like").contentType(MediaType.APPLICATION_JSON).content("{\"postId\": \"p1\"}"))
                .andExpect(status().isOk());
        verify(likes).toggle("p1", "alice");
    }

    @Test
    void aMalformedPostIdIsA400() throws Exception {
        assertProblem(as("alice", post("/like/bad$id")), 400);
        verifyNoInteractions(likes);
    }

    @Test
    void aPostIdOfMoreThan100CharactersIsA400() throws Exception {
        assertProblem(as("alice", post("/like/" + "a".repeat(101))), 400);
    }

    @Test
    void aToggleWithAnInvalidPostIdIsA400() throws Exception {
        assertProblem(
                as(
                        "alice",
                        post("/like").contentType(MediaType.APPLICATION_JSON).content("{\"postId\": \"no spaces\"}")),
                400);
        verifyNoInteractions(likes);
    }

    @Test
    void aBodyCannotNameAnotherUser() throws Exception {
        assertProblem(
                as(
                        "alice",
                        post("/like")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"postId\": \"some-post\", \"userId\": \"bob\"}")),
                400);
        verifyNoInteractions(likes);
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        assertProblem(
                as(
                        "alice",
                        post("/like").contentType(MediaType.APPLICATION_JSON).content("{\"postId\": ")),
                400);
    }

    @Test
    void aBodyThatIsNotJsonIsA415() throws Exception {
        assertProblem(
                as("alice", post("/like").contentType(MediaType.TEXT_PLAIN).content("postId=x")), 415);
    }

    @Test
    void anOversizedBodyIsA413() throws Exception {
        String huge = "{\"postId\": \"" + "a".repeat(20_000) + "\"}";

        assertProblem(
                        as(
                                "alice",
                                post("/like")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(huge)),
                        413)
                .andExpect(jsonPath("$.type").value("urn:likes:problem:body-too-large"));
    }

    @Test
    void aWrongMethodIsA405WithAStableType() throws Exception {
        assertProblem(as("alice", put("/like/some-post")), 405)
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-405"));
    }

    @Test
    void anUnknownPostIsA404() throws Exception {
        when(likes.like(any(), any())).thenThrow(new PostNotFound("nope"));

        assertProblem(as("alice", post("/like/nope")), 404)
                .andExpect(jsonPath("$.type").value("urn:likes:problem:post-not-found"));
    }

    @Test
    void noTokenIsA401WithABearerChallenge() throws Exception {
        assertProblem(http.perform(post("/like/some-post")), 401)
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.type").value("urn:likes:problem:unauthorized"));
        verifyNoInteractions(likes);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsA401() throws Exception {
        String forged =
                JwtTokens.forUser("mallory", "another-secret-that-is-long-enough-0123456789", Duration.ofHours(1));

        assertProblem(http.perform(post("/like/some-post").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)), 401);
    }

    @Test
    void anExpiredTokenIsA401() throws Exception {
        String expired = JwtTokens.forUser("alice", JwtTokens.TEST_SECRET, Duration.ofMinutes(-5));

        assertProblem(
                http.perform(post("/like/some-post").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)), 401);
    }

    private ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return http.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser(user)));
    }

    private static ResultActions assertProblem(ResultActions answer, int status) throws Exception {
        return answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").exists())
                .andExpect(jsonPath("$.title").exists())
                .andExpect(
                        content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
    }
}
