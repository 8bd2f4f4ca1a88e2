package dev.likes.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What Tomcat refuses before the application sees the request (an encoded slash or NUL, invalid UTF-8, a URL or
 * headers over the limit) answers problem+json instead of Tomcat's HTML page. No filter ran, so there is no trace yet:
 * the answer carries the caller's {@code traceparent} trace id if it sent one, otherwise a new one, logged here so the
 * caller can still quote it.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is gone; nobody would read the answer
        }
        HttpStatus known = HttpStatus.resolve(status);
        String traceId = traceIdOf(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:likes:problem:" + (status >= 500 ? "internal" : "http-" + status));
        problem.put("title", known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", status);
        problem.put(
                "detail",
                status >= 500
                        ? "Something went wrong on our side; quote the traceId when reporting"
                        : "The web server refused the request before it reached the service");
        problem.put("traceId", traceId);
        log.atDebug()
                .addKeyValue("status", status)
                .addKeyValue("traceId", traceId)
                .log("request refused by the web server");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the answer was committed meanwhile: nothing left to tell it.
        }
    }

    private static String traceIdOf(Request request) {
        String traceparent = null;
        try {
            traceparent = request.getHeader("traceparent");
        } catch (RuntimeException e) {
            // Headers that could not be parsed are why we are here; a new trace id will do.
        }
        if (traceparent != null) {
            var matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
