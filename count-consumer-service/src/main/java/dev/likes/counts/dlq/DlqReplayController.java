package dev.likes.counts.dlq;

import dev.likes.counts.web.OpsProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator call: replay the DLQ into the counts. Behind HTTP Basic (see the web package). */
@RestController
class DlqReplayController {

    private final DlqReplayer replayer;

    DlqReplayController(DlqReplayer replayer) {
        this.replayer = replayer;
    }

    @PostMapping("/ops/dlq/replay")
    DlqReplayer.ReplayReport replay(@RequestParam(defaultValue = "false") boolean fromBeginning) {
        try {
            return replayer.replay(fromBeginning);
        } catch (RuntimeException e) {
            throw new OpsProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "replay-interrupted",
                    "Replay interrupted",
                    "The replay stopped early (Kafka or the database failed); what was replayed stays replayed."
                            + " Call again to go on.",
                    e);
        }
    }
}
