package dev.likes.orchestrator.freshness;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor on the real producer that holds every send while a test closed the gate, as a broker that
 * does not answer would: the listener's batch stays in hand. Open by default.
 */
public class HeldSends implements ProducerInterceptor<Object, Object> {

    private static volatile CountDownLatch gate;

    /** Holds every send from now on, for at most a minute, until {@link #release()}. */
    static void hold() {
        gate = new CountDownLatch(1);
    }

    static void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        CountDownLatch held = gate;
        if (held != null) {
            try {
                held.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
