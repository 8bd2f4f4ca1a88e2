package dev.likes.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemErrorControllerTest {

    private final ProblemErrorController controller =
            new ProblemErrorController(new ProblemResponses(new ObjectMapper(), null, List.of()));

    @Test
    void theErrorPageAskedForDirectlyIsNotFoundNotAServerError() {
        var answer = controller.error(new MockHttpServletRequest("GET", "/error"));

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody().getType()).hasToString("urn:likes:problem:http-404");
    }

    @Test
    void aForwardedErrorKeepsItsStatusAndSaysNothingOfTheException() {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
        request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "secret internals");

        var answer = controller.error(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getType()).hasToString("urn:likes:problem:http-400");
        assertThat(answer.getBody().getTitle()).isEqualTo("Bad Request");
        assertThat(answer.getBody().getDetail()).doesNotContain("secret");
    }

    @Test
    void aForwardedServerErrorIsTheInternalProblem() {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);

        assertThat(controller.error(request).getBody().getType()).hasToString("urn:likes:problem:internal");
    }
}
