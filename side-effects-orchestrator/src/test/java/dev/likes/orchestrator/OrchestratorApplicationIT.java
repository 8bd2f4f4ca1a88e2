package dev.likes.orchestrator;

import dev.likes.testsupport.LikesIntegrationTest;
import dev.likes.testsupport.ServiceBasics;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.RequestEntity;

@LikesIntegrationTest
@AutoConfigureObservability // as FanOutIT, so both share one application context
class OrchestratorApplicationIT implements ServiceBasics {

    /** The orchestrator serves no API; the readiness probe answers only GET. */
    @Override
    public RequestEntity<Void> aCallWithTheWrongMethod() {
        return RequestEntity.delete("/readyz").build();
    }
}
