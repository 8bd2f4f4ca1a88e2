package dev.likes.orchestrator;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
@AutoConfigureObservability // as FanOutIT, so both share one application context
class OrchestratorApplicationIT implements ServiceBasics {

    /** The orchestrator serves no API; actuator's health answers only GET. */
    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.delete("/actuator/health").build();
    }
}
