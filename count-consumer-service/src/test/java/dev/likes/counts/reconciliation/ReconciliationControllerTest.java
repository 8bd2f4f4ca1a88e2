package dev.likes.counts.reconciliation;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.counts.web.OpsWebSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The reconciliation call's operator check and failure answer; the reconciliation is a mock. */
@WebMvcTest(ReconciliationController.class)
@OpsWebSlice
class ReconciliationControllerTest {

    @Autowired
    MockMvc http;

    @MockitoBean
    Reconciliation reconciliation;

    @Test
    void aRunThatCannotFinishIsA503Problem() throws Exception {
        when(reconciliation.run()).thenThrow(new IllegalStateException("likes table gone"));

        http.perform(post("/ops/reconciliation/run").with(httpBasic("operator", OpsWebSlice.PASSWORD)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:reconciliation-failed"));
    }

    @Test
    void aWrongPasswordIsA401AndRunsNothing() throws Exception {
        http.perform(post("/ops/reconciliation/run").with(httpBasic("operator", "guess")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:unauthorized"));
        verifyNoInteractions(reconciliation);
    }
}
