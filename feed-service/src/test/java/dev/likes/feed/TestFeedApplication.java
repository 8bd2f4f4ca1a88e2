package dev.likes.feed;

import dev.likes.testsupport.LikesInfrastructureInitializer;
import org.springframework.boot.SpringApplication;

/** Runs the service by hand on test infrastructure: {@code ./mvnw -pl feed-service spring-boot:test-run}. */
public class TestFeedApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(FeedApplication.class);
        application.addInitializers(new LikesInfrastructureInitializer());
        application.run(args);
    }
}
