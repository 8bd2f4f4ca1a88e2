package dev.likes.likeapi;

import dev.likes.testsupport.LikesIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * One context for the rate-limit and CORS tests: small limits, buckets of their own in Redis (a random key prefix,
 * so no other run's spent tokens count), and one allowed origin.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LikesIntegrationTest
@TestPropertySource(
        properties = {
            "likes.rate-limit.user.capacity=" + BrowserAndLimitsTest.USER_CAPACITY,
            "likes.rate-limit.failed-authentication.capacity=" + BrowserAndLimitsTest.FAILED_AUTHENTICATION_CAPACITY,
            "likes.rate-limit.key-prefix=rate-limit-test-${random.uuid}",
            "likes.cors.allowed-origins=" + BrowserAndLimitsTest.ALLOWED_ORIGIN
        })
@interface BrowserAndLimitsTest {

    int USER_CAPACITY = 5;
    int FAILED_AUTHENTICATION_CAPACITY = 5;
    String ALLOWED_ORIGIN = "https://app.likes.example";
}
