package dev.likes.likeapi.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Adds the service's own security rules to a {@code @WebMvcTest} slice (the kit brings the decoder and the problem
 * answers), with the test secret that {@code JwtTokens} signs with, so tokens are checked for real.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(SecurityConfiguration.class)
@TestPropertySource(properties = "likes.security.jwt-secret=" + dev.likes.testsupport.JwtTokens.TEST_SECRET)
public @interface WebSlice {}
