package dev.likes.counts.reconciliation;

import dev.likes.counts.web.OpsProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator call: reconcile now. Behind HTTP Basic (see the web package). */
@RestController
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping("/ops/reconciliation/run")
    Reconciliation.RunReport run() {
        try {
            return reconciliation.run();
        } catch (RuntimeException e) {
            throw new OpsProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "reconciliation-failed",
                    "Reconciliation failed",
                    "The run could not finish (are the like API's tables readable and Kafka reachable?); repairs already made stay.",
                    e);
        }
    }
}
