package dev.likes.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.likes.kit.tracing.Traces;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds the suite's problem bodies, {@code type} {@code urn:likes:problem:<name>} plus the trace id, and writes them
 * where no Spring MVC handler runs: security entry points, access-denied handlers and servlet filters.
 */
public class ProblemResponses {

    /** The prefix of every problem type of the suite. */
    public static final String TYPE_PREFIX = "urn:likes:problem:";

    private final ObjectMapper json;
    private final Traces traces;
    private final List<RejectionListener> rejectionListeners;

    public ProblemResponses(ObjectMapper json, Traces traces, List<RejectionListener> rejectionListeners) {
        this.json = json;
        this.traces = traces;
        this.rejectionListeners = List.copyOf(rejectionListeners);
    }

    /** A problem of type {@code urn:likes:problem:<type>}, with the current trace id when there is one. */
    public ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        if (title != null) {
            problem.setTitle(title);
        }
        return withTraceId(problem);
    }

    /** Adds the current trace id, so the caller can quote it and an operator find every log line of the call. */
    public ProblemDetail withTraceId(ProblemDetail problem) {
        if (traces != null) {
            traces.currentTraceId().ifPresent(id -> problem.setProperty("traceId", id));
        }
        return problem;
    }

    /** Tells the {@link RejectionListener}s that a request was refused with this problem type. */
    public void rejected(String type) {
        for (RejectionListener listener : rejectionListeners) {
            listener.rejected(type);
        }
    }

    /** Writes {@code problem} as the whole answer, with its status and {@code application/problem+json}. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
