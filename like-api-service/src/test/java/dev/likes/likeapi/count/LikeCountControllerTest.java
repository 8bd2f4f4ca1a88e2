package dev.likes.likeapi.count;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.likeapi.post.PostNotFound;
import dev.likes.likeapi.post.PostOwners;
import dev.likes.likeapi.web.WebSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The public count call's mapping and error answers, without a token. */
@WebMvcTest(LikeCountController.class)
@WebSlice
class LikeCountControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    LikeCounts counts;

    @MockitoBean
    PostOwners owners;

    @Test
    void aCountIsPublic() throws Exception {
        when(owners.ownerOf("p1")).thenReturn("owner");
        when(counts.countOf("p1")).thenReturn(42L);

        http.perform(get("/like/count/p1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.postId").value("p1"))
                .andExpect(jsonPath("$.count").value(42));
    }

    @Test
    void anUnknownPostIsA404NotACountOfZero() throws Exception {
        when(owners.ownerOf("nope")).thenThrow(new PostNotFound("nope"));

        http.perform(get("/like/count/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:post-not-found"));
    }

    @Test
    void aMalformedPostIdIsA400() throws Exception {
        http.perform(get("/like/count/bad$id")).andExpect(status().isBadRequest());
    }
}
