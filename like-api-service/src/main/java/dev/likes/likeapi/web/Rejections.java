package dev.likes.likeapi.web;

import dev.likes.kit.web.RejectionListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts refused requests by reason ({@code likes.api.rejected}): the kit's problem answers report each refusal here.
 * The reason is the problem type, a small fixed set, so the tag stays low-cardinality.
 */
@Component
class Rejections implements RejectionListener {

    private final MeterRegistry meters;

    Rejections(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void rejected(String reason) {
        meters.counter("likes.api.rejected", "reason", reason).increment();
    }
}
