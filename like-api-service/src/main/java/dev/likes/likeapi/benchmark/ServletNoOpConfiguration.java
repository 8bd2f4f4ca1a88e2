package dev.likes.likeapi.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * {@code POST /benchmark/servlet-noop/{postId}}: {@link NoOpController}'s answer from a plain servlet, behind the same
 * filters (bearer-token check, rate limit, observation), without Spring MVC's dispatch. What the two cost apart, side
 * by side on one instance, is what a plain-servlet {@code POST /like} could save at most. Off unless
 * {@code likes.benchmark.noop-endpoint=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "likes.benchmark.noop-endpoint", havingValue = "true")
class ServletNoOpConfiguration {

    @Bean
    ServletRegistrationBean<HttpServlet> servletNoOp(ObjectMapper json) {
        var registration = new ServletRegistrationBean<HttpServlet>(new ServletNoOp(json), "/benchmark/servlet-noop/*");
        registration.setName("servletNoOp");
        return registration;
    }

    private static final class ServletNoOp extends HttpServlet {

        private final transient ObjectMapper json;

        ServletNoOp(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String postId =
                    request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Map.of("postId", postId, "liked", true, "changed", false));
        }
    }
}
