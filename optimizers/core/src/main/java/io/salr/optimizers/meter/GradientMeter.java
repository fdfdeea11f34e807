package io.salr.optimizers.meter;

import io.salr.validation.Checks;

/**
 * Counts the passes made through a network: forward+backward passes ("gradient calls", the unit in
 * which Section VI of the paper matches budgets) and forward-only loss evaluations, each once per call
 * on a batch, together with the number of examples those calls covered.
 *
 * <p>The DL4J adapter increments the meter on every pass it makes; nothing else does. A meter is
 * mutable and not thread-safe: one meter belongs to one training run. Its {@link #reading()} can be
 * stored in a checkpoint and put back with {@link #restore(MeterReading)}.
 */
public final class GradientMeter {

    private long gradientCalls;
    private long gradientExamples;
    private long forwardCalls;
    private long forwardExamples;

    /** Counts one forward+backward pass over a batch of {@code examples} examples. */
    public void recordGradientCall(long examples) {
        Checks.atLeast("examples", examples, 1L);
        gradientCalls++;
        gradientExamples += examples;
    }

    /** Counts one forward-only loss evaluation over a batch of {@code examples} examples. */
    public void recordForwardCall(long examples) {
        Checks.atLeast("examples", examples, 1L);
        forwardCalls++;
        forwardExamples += examples;
    }

    /** Forward+backward passes counted so far. */
    public long gradientCalls() {
        return gradientCalls;
    }

    /** Forward-only evaluations counted so far. */
    public long forwardCalls() {
        return forwardCalls;
    }

    /** All four counts as an immutable value. */
    public MeterReading reading() {
        return new MeterReading(gradientCalls, gradientExamples, forwardCalls, forwardExamples);
    }

    /** Sets the counts to a stored reading (resuming from a checkpoint). */
    public void restore(MeterReading reading) {
        Checks.present("reading", reading);
        gradientCalls = reading.gradientCalls();
        gradientExamples = reading.gradientExamples();
        forwardCalls = reading.forwardCalls();
        forwardExamples = reading.forwardExamples();
    }
}
