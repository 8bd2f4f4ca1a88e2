package dev.likes.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StrictJsonAutoConfigurationTest {

    record Post(String id) {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JacksonAutoConfiguration.class, StrictJsonAutoConfiguration.class));

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":5}", "{\"id\":5.5}", "{\"id\":true}"})
    void aScalarWhereTextBelongsIsRefused(String body) {
        context.run(
                app -> assertThatThrownBy(() -> app.getBean(ObjectMapper.class).readValue(body, Post.class))
                        .isInstanceOf(MismatchedInputException.class));
    }

    @Test
    void textIsStillText() {
        context.run(app -> assertThat(app.getBean(ObjectMapper.class).readValue("{\"id\":\"5\"}", Post.class))
                .isEqualTo(new Post("5")));
    }
}
