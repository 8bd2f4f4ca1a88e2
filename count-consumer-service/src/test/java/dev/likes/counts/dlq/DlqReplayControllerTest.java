package dev.likes.counts.dlq;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.counts.web.OpsWebSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The replay call's mapping, its operator check and its failure answer; the replayer is a mock. */
@WebMvcTest(DlqReplayController.class)
@OpsWebSlice
class DlqReplayControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    DlqReplayer replayer;

    @Test
    void theOperatorReplaysFromTheBeginningWhenAsked() throws Exception {
        when(replayer.replay(true)).thenReturn(new DlqReplayer.ReplayReport(3, 2, 1, 0, 0));

        http.perform(post("/ops/dlq/replay?fromBeginning=true").with(httpBasic("operator", OpsWebSlice.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.replayed").value(2));
        verify(replayer).replay(true);
    }

    @Test
    void withoutCredentialsItIsA401ProblemWithABasicChallenge() throws Exception {
        http.perform(post("/ops/dlq/replay"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"likes-ops\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:likes:problem:unauthorized"));
        verifyNoInteractions(replayer);
    }

    @Test
    void aWrongPasswordIsA401() throws Exception {
        http.perform(post("/ops/dlq/replay").with(httpBasic("operator", "guess")))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(replayer);
    }

    @Test
    void aReplayThatStopsEarlyIsA503ProblemThatSaysWhatToDo() throws Exception {
        when(replayer.replay(false)).thenThrow(new IllegalStateException("broker gone"));

        http.perform(post("/ops/dlq/replay").with(httpBasic("operator", OpsWebSlice.PASSWORD)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:replay-interrupted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Call again")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("broker gone"))));
    }

    @Test
    void aWrongMethodIsA405WithAStableType() throws Exception {
        http.perform(get("/ops/dlq/replay").with(httpBasic("operator", OpsWebSlice.PASSWORD)))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-405"));
    }
}
