package dev.likes.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.likes.kit.tracing.Traces;
import dev.likes.kit.tracing.TracingAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

class ProblemDetailsAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withPropertyValues("spring.mvc.problemdetails.enabled=true")
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    TracingAutoConfiguration.class,
                    ProblemDetailsAutoConfiguration.class))
            .withUserConfiguration(Endpoints.class);

    @Test
    void aFrameworkErrorKeepsItsStatusAndGetsAStableTypeAndTheTraceId() {
        web.run(context -> mvc(context)
                .perform(put("/thing"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:likes:problem:http-405"))
                .andExpect(jsonPath("$.traceId").value(Endpoints.TRACE_ID)));
    }

    @Test
    void anUnknownRouteIsA404ProblemWithTheTraceId() {
        web.withPropertyValues("spring.mvc.throw-exception-if-no-handler-found=true")
                .run(context -> mvc(context)
                        .perform(get("/nothing-here"))
                        .andExpect(status().isNotFound())
                        .andExpect(jsonPath("$.type").value("urn:likes:problem:http-404"))
                        .andExpect(jsonPath("$.traceId").value(Endpoints.TRACE_ID)));
    }

    @Test
    void aDomainProblemAnswersWithItsTypeAndTitleAndIsCountedAsARefusal() {
        web.run(context -> {
            mvc(context)
                    .perform(get("/thing"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("urn:likes:problem:thing-taken"))
                    .andExpect(jsonPath("$.title").value("Thing taken"))
                    .andExpect(jsonPath("$.detail").value("Someone has the thing"))
                    .andExpect(jsonPath("$.traceId").value(Endpoints.TRACE_ID));

            assertThat(context.getBean(Endpoints.class).rejected).containsExactly("thing-taken");
        });
    }

    @Test
    void anUnexpectedFailureIsA500ThatSaysNothingAboutTheCode() {
        web.run(context -> mvc(context)
                .perform(get("/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:likes:problem:internal"))
                .andExpect(jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString("IllegalStateException")))));
    }

    @Test
    void aDatabaseOrCacheOutOfReachIsA503ToRetryNotA500() {
        web.run(context -> {
            for (String path : List.of("/no-connection", "/query-timeout")) {
                mvc(context)
                        .perform(get(path))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(header().string("Retry-After", "1"))
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.type").value("urn:likes:problem:unavailable"))
                        .andExpect(jsonPath("$.traceId").value(Endpoints.TRACE_ID))
                        .andExpect(jsonPath("$.detail")
                                .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pool"))));
            }
        });
    }

    @Test
    void theKitsAdviceIsTheOnlyResponseEntityExceptionHandler() {
        web.run(context -> assertThat(context)
                .getBeans(ResponseEntityExceptionHandler.class)
                .hasSize(1)
                .allSatisfy((name, bean) -> assertThat(bean).isInstanceOf(ProblemDetailsAdvice.class)));
    }

    @Test
    void aServicesOwnHandlerReplacesTheKitsAdvice() {
        web.withUserConfiguration(OwnAdvice.class)
                .run(context -> assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class));
    }

    @Test
    void aServiceThatIsNotAWebApplicationGetsNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ProblemDetailsAdvice.class)
                        .doesNotHaveBean(ProblemResponses.class));
    }

    private static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {

        static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

        final List<String> rejected = new ArrayList<>();

        @Bean
        RejectionListener rejectionListener() {
            return rejected::add;
        }

        /** A fixed trace, as the request's observation would make current. */
        @Bean
        Traces traces(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            return new Traces(tracer) {
                @Override
                public Optional<String> currentTraceId() {
                    return Optional.of(TRACE_ID);
                }
            };
        }

        @Bean
        ThingController thingController() {
            return new ThingController();
        }
    }

    @RestController
    static class ThingController {

        @GetMapping("/thing")
        String thing() {
            throw new ThingTaken();
        }

        @GetMapping("/no-connection")
        String noConnection() {
            throw new DataAccessResourceFailureException("pool exhausted: connection not available after 30000ms");
        }

        @GetMapping("/query-timeout")
        String queryTimeout() {
            throw new QueryTimeoutException("statement cancelled: pool statement timeout");
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("internals");
        }
    }

    static class ThingTaken extends ApiProblem {
        ThingTaken() {
            super(HttpStatus.CONFLICT, "thing-taken", "Thing taken", "Someone has the thing");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAdvice {

        @Bean
        OwnHandler ownHandler() {
            return new OwnHandler();
        }
    }

    @RestControllerAdvice
    static class OwnHandler extends ResponseEntityExceptionHandler {}
}
