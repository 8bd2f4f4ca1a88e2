package dev.likes.notifications.notification;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.notifications.web.WebSlice;
import dev.likes.testsupport.JwtTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The inbox calls' mapping and error answers; the inbox is a mock, the token checks are real. */
@WebMvcTest(NotificationController.class)
@WebSlice
class NotificationControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    NotificationInbox inbox;

    @Test
    void theListIsTheTokensSubjectsPageWithDefaults() throws Exception {
        when(inbox.page("alice", 0, 20)).thenReturn(new NotificationPage(List.of(), 0, 20, 0, 0));

        as("alice", get("/notifications"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(20));
    }

    @Test
    void anOversizedPageIsABadRequestProblem() throws Exception {
        as("alice", get("/notifications?size=1000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(inbox);
    }

    @Test
    void readingOneIs204() throws Exception {
        as("alice", post("/notifications/7/read")).andExpect(status().isNoContent());
        verify(inbox).markRead("alice", 7);
    }

    @Test
    void anotherUsersNotificationIsANotFoundProblem() throws Exception {
        doThrow(new NotificationNotFound(7)).when(inbox).markRead("intruder", 7);

        as("intruder", post("/notifications/7/read"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:notification-not-found"));
    }

    @Test
    void readAllAnswersHowManyWereMarked() throws Exception {
        when(inbox.markAllRead("alice")).thenReturn(4);

        as("alice", post("/notifications/read-all"))
                .andExpect(jsonPath("$.marked").value(4));
    }

    @Test
    void aNonNumericIdIsABadRequestProblem() throws Exception {
        as("alice", post("/notifications/x/read"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aWrongMethodIsA405WithAStableType() throws Exception {
        as("alice", put("/notifications"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-405"));
    }

    @Test
    void withoutATokenTheAnswerIs401Problem() throws Exception {
        http.perform(get("/notifications"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:likes:problem:unauthorized"));
        http.perform(post("/notifications/read-all")).andExpect(status().isUnauthorized());
        verifyNoInteractions(inbox);
    }

    private ResultActions as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return http.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + JwtTokens.forUser(user)));
    }
}
