package dev.likes.loadtest;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/** Endless feeders computed per record: no state but what the supplier keeps, so safe to call from any thread. */
final class Feeders {

    private Feeders() {}

    static Iterator<Map<String, Object>> endless(Supplier<Map<String, Object>> record) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return record.get();
            }
        };
    }
}
