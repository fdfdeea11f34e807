package io.salr.optimizers.methods;

import io.salr.optimizers.meter.MeterReading;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one training step did.
 *
 * @param iteration k
 * @param loss the mean training loss at theta_k on the step's batch (NaN only when the step diverged)
 * @param learningRate eta_k used by the step
 * @param sharpness S-hat_k when it was estimated at this step (SALR refresh iterations), else empty
 * @param probeStepLength the mean Euclidean length of the probe's steps when S-hat_k was estimated (gamma
 *     for normalized batch gradients, gamma times the direction's norm for Algorithm 2's mean of unit
 *     vectors), else empty
 * @param cost the passes this step made (gradient calls and forward-only evaluations)
 * @param divergence empty for a normal step; otherwise the cause of a NaN or infinite loss, gradient,
 *     sharpness or parameter, in which case the parameters were left as they were before the step
 */
public record StepRecord(long iteration, double loss, double learningRate, OptionalDouble sharpness,
        OptionalDouble probeStepLength, MeterReading cost, Optional<String> divergence) {

    /** True when the step met a NaN or infinite value and was not applied. */
    public boolean diverged() {
        return divergence.isPresent();
    }

    static StepRecord diverged(long iteration, double loss, double learningRate, MeterReading cost, String cause) {
        return new StepRecord(iteration, loss, learningRate, OptionalDouble.empty(), OptionalDouble.empty(), cost,
                Optional.of(cause));
    }
}
