package dev.likes.likeapi.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts refused requests by reason: the problem type, a small fixed set, so the tag stays low-cardinality. */
@Component
class Rejections {

    private final MeterRegistry meters;

    Rejections(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String reason) {
        meters.counter("likes.api.rejected", "reason", reason).increment();
    }
}
