package dev.likes.notifications.push;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.notifications.web.WebSlice;
import dev.likes.testsupport.JwtTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The device-token calls' mapping and error answers; the token store is a mock, the bearer checks are real. */
@WebMvcTest(DeviceController.class)
@WebSlice
class DeviceControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    DeviceTokens tokens;

    @Test
    void registeringStoresTheTokenForTheTokensSubject() throws Exception {
        http.perform(post("/devices")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\": \"fcm-1\"}"))
                .andExpect(status().isNoContent());
        verify(tokens).register("alice", "fcm-1");
    }

    @Test
    void aBlankTokenIsABadRequestProblem() throws Exception {
        http.perform(post("/devices")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\": \" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(tokens);
    }

    @Test
    void unregisteringIsIdempotent() throws Exception {
        http.perform(delete("/devices/fcm-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser("alice")))
                .andExpect(status().isNoContent());
        verify(tokens).unregister("alice", "fcm-1");
    }

    @Test
    void withoutATokenNothingIsRegistered() throws Exception {
        http.perform(post("/devices").contentType(MediaType.APPLICATION_JSON).content("{\"token\": \"fcm-1\"}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(tokens);
    }
}
