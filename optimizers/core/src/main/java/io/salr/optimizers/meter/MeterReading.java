package io.salr.optimizers.meter;

import io.salr.validation.Checks;

/**
 * An immutable reading of a {@link GradientMeter}.
 *
 * @param gradientCalls forward+backward passes, one per call on a batch whatever the batch size
 * @param gradientExamples examples summed over those passes
 * @param forwardCalls forward-only loss evaluations, one per call on a batch
 * @param forwardExamples examples summed over those evaluations
 */
public record MeterReading(long gradientCalls, long gradientExamples, long forwardCalls, long forwardExamples) {

    /** The reading of a meter that has counted nothing. */
    public static final MeterReading ZERO = new MeterReading(0, 0, 0, 0);

    /** Every count must be non-negative. */
    public MeterReading {
        Checks.atLeast("gradientCalls", gradientCalls, 0L);
        Checks.atLeast("gradientExamples", gradientExamples, 0L);
        Checks.atLeast("forwardCalls", forwardCalls, 0L);
        Checks.atLeast("forwardExamples", forwardExamples, 0L);
    }

    /** The counts made between {@code earlier} and this reading. */
    public MeterReading since(MeterReading earlier) {
        return new MeterReading(gradientCalls - earlier.gradientCalls, gradientExamples - earlier.gradientExamples,
                forwardCalls - earlier.forwardCalls, forwardExamples - earlier.forwardExamples);
    }
}
