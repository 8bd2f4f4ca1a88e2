package dev.likes.kit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

class BrowserSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    BrowserSecurityAutoConfiguration.class))
            .withUserConfiguration(Endpoints.class);

    @Test
    void everyAnswerCarriesTheSecurityHeadersEvenAnError() {
        web.run(context -> {
            for (String path : new String[] {"/thing", "/nothing-here"}) {
                mvc(context)
                        .perform(get(path))
                        .andExpect(header().string(
                                        "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
                        .andExpect(header().string("Referrer-Policy", "no-referrer"))
                        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                        .andExpect(header().string("X-Frame-Options", "DENY"));
            }
        });
    }

    @Test
    void theDocumentationPagesMayLoadTheirOwnScriptsStylesAndImages() {
        web.run(
                context -> mvc(context)
                        .perform(get("/swagger-ui/index.html"))
                        .andExpect(
                                header().string(
                                                "Content-Security-Policy",
                                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
    }

    @Test
    void aPreflightFromAnAllowedOriginPassesAndAnotherOriginIsRefused() {
        web.withPropertyValues("likes.cors.allowed-origins=https://app.example, https://admin.example")
                .run(context -> {
                    mvc(context)
                            .perform(options("/thing")
                                    .header("Origin", "https://admin.example")
                                    .header("Access-Control-Request-Method", "POST")
                                    .header("Access-Control-Request-Headers", "authorization"))
                            .andExpect(status().isOk())
                            .andExpect(header().string("Access-Control-Allow-Origin", "https://admin.example"))
                            .andExpect(
                                    header().string("Access-Control-Allow-Methods", "GET,HEAD,POST,PUT,PATCH,DELETE"));
                    mvc(context)
                            .perform(options("/thing")
                                    .header("Origin", "https://evil.example")
                                    .header("Access-Control-Request-Method", "POST"))
                            .andExpect(status().isForbidden())
                            .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
                    mvc(context)
                            .perform(get("/thing").header("Origin", "https://app.example"))
                            .andExpect(status().isOk())
                            .andExpect(header().string("Access-Control-Allow-Origin", "https://app.example"))
                            .andExpect(header().string(
                                            "Access-Control-Expose-Headers",
                                            org.hamcrest.Matchers.containsString("RateLimit-Remaining")));
                });
    }

    @Test
    void aRefusedCrossOriginRequestIsAProblem() {
        web.withConfiguration(AutoConfigurations.of(
                        dev.likes.kit.tracing.TracingAutoConfiguration.class,
                        dev.likes.kit.web.ProblemDetailsAutoConfiguration.class))
                .withPropertyValues("likes.cors.allowed-origins=https://app.example")
                .run(context -> mvc(context)
                        .perform(options("/thing")
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "POST"))
                        .andExpect(status().isForbidden())
                        .andExpect(header().string("Content-Type", "application/problem+json"))
                        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.type")
                                .value("urn:likes:problem:cors-rejected")));
    }

    @Test
    void aServicesOwnPagesGetThePagePolicy() {
        web.withPropertyValues(
                        "likes.security-headers.page-paths=/",
                        "likes.security-headers.page-content-security-policy=default-src 'self'")
                .run(context -> {
                    mvc(context)
                            .perform(get("/"))
                            .andExpect(header().string("Content-Security-Policy", "default-src 'self'"));
                    mvc(context)
                            .perform(get("/thing"))
                            .andExpect(header().string(
                                            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"));
                });
    }

    @Test
    void withoutAllowedOriginsNoPageOfAnotherOriginMayReadAnAnswer() {
        web.run(context -> mvc(context)
                .perform(get("/thing").header("Origin", "https://app.example"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin")));
    }

    @Test
    void aServiceWithoutAWebServerGetsNeither() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrowserSecurityAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    private static MockMvc mvc(WebApplicationContext context) {
        Filter[] filters = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .sorted(java.util.Comparator.comparingInt(FilterRegistrationBean::getOrder))
                .map(FilterRegistrationBean::getFilter)
                .toArray(Filter[]::new);
        return MockMvcBuilders.webAppContextSetup(context).addFilters(filters).build();
    }

    @Configuration(proxyBeanMethods = false)
    @RestController
    static class Endpoints {
        @GetMapping("/thing")
        String thing() {
            return "thing";
        }
    }
}
