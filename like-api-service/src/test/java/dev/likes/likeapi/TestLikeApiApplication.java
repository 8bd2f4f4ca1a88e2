package dev.likes.likeapi;

import dev.likes.testsupport.LikesInfrastructureInitializer;
import org.springframework.boot.SpringApplication;

/** Runs the service by hand on test infrastructure: {@code ./mvnw -pl like-api-service spring-boot:test-run}. */
public class TestLikeApiApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(LikeApiApplication.class);
        application.addInitializers(new LikesInfrastructureInitializer());
        application.run(args);
    }
}
