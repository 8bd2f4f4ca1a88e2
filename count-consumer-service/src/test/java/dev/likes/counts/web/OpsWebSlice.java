package dev.likes.counts.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Adds the operator endpoints' HTTP Basic rules to a {@code @WebMvcTest} slice, with the test operator's password. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(OpsProperties.class)
@TestPropertySource(properties = "likes.ops.password=" + OpsWebSlice.PASSWORD)
public @interface OpsWebSlice {

    String PASSWORD = "slice-operator-password";
}
