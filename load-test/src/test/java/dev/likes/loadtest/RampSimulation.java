package dev.likes.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;

/**
 * Open-model ramp: the uniform workload at an arrival rate stepping from {@code -DrampFrom} to {@code -DrampTo} in
 * {@code -DrampSteps} levels over {@code -Dduration}. Reports each level ({@code BENCH_LEVEL}) and the first level where
 * latency bends ({@code BENCH_KNEE}). An open model keeps offering load when the service slows down, so queueing
 * shows up as latency instead of being hidden by a client that waits.
 */
public class RampSimulation extends UniformSimulation {

    public RampSimulation() {
        super("ramp");
    }

    @Override
    Levels levels() {
        int steps = Math.max(2, config.rampSteps());
        double step = (config.rampTo() - config.rampFrom()) / (steps - 1);
        double[] rates = new double[steps];
        for (int i = 0; i < steps; i++) {
            rates[i] = config.rampFrom() + i * step;
        }
        return new Levels(rates, config.duration().toMillis() / steps);
    }

    /** None: the ramp's first, lowest level warms up, and is reported as what it is. */
    @Override
    Duration warmUp() {
        return Duration.ZERO;
    }

    @Override
    PopulationBuilder population(String name, ChainBuilder body) {
        return ramp(name, body);
    }
}
