package dev.likes.orchestrator;

import dev.likes.testsupport.LikesInfrastructureInitializer;
import org.springframework.boot.SpringApplication;

/** Runs the service by hand on test infrastructure: {@code ./mvnw -pl side-effects-orchestrator spring-boot:test-run}. */
public class TestOrchestratorApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(OrchestratorApplication.class);
        application.addInitializers(new LikesInfrastructureInitializer());
        application.run(args);
    }
}
