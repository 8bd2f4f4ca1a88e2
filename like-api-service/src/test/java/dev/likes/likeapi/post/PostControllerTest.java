package dev.likes.likeapi.post;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.likeapi.web.WebSlice;
import dev.likes.testsupport.JwtTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The post calls' mapping and error answers; the service behind them is a mock, the token checks are real. */
@WebMvcTest(PostController.class)
@WebSlice
class PostControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    PostService posts;

    @Test
    void registeringAPostIs201WithItsLocationAndTheCallerAsOwner() throws Exception {
        when(posts.create(eq("p1"), isNull(), any())).thenReturn(new PostView("p1", "owner", 0, false));

        http.perform(post("/posts")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("owner"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"p1\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/posts/p1"))
                .andExpect(jsonPath("$.ownerId").value("owner"));
    }

    @Test
    void registeringAnExistingPostIsA409() throws Exception {
        when(posts.create(eq("dup"), isNull(), any())).thenThrow(new PostAlreadyExists("dup"));

        http.perform(post("/posts")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("owner"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"dup\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void registeringNeedsAToken() throws Exception {
        http.perform(post("/posts")).andExpect(status().isUnauthorized());
    }

    @Test
    void readingAPostIsPublicAndLikedByMeNeedsNoToken() throws Exception {
        when(posts.view("p1", null)).thenReturn(new PostView("p1", "owner", 3, false));

        http.perform(get("/posts/p1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.likeCount").value(3));
    }

    @Test
    void aTokenTellsWhetherTheViewerLikesThePost() throws Exception {
        when(posts.view("p1", "alice")).thenReturn(new PostView("p1", "owner", 3, true));

        http.perform(get("/posts/p1").header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("alice")))
                .andExpect(jsonPath("$.likedByMe").value(true));
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        http.perform(get("/posts/x/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-404"));
    }
}
