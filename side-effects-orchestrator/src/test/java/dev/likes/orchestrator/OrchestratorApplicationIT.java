package dev.likes.orchestrator;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
@AutoConfigureObservability // as FanOutIT, so both share one application context
class OrchestratorApplicationIT implements ServiceBasics {

    @Autowired
    TestRestTemplate http;

    @Override
    public TestRestTemplate http() {
        return http;
    }

    @Override
    public String artifact() {
        return "side-effects-orchestrator";
    }

    /** The orchestrator serves no API; actuator's health answers only GET. */
    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.delete("/actuator/health").build();
    }
}
