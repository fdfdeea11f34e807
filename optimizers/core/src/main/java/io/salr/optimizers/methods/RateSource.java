package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.schedule.SalrScheduleState;
import io.salr.optimizers.sharpness.SharpnessEstimate;
import io.salr.optimizers.sharpness.SharpnessWalk;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * The mutable side of a {@link RateConfig}: the SALR schedule state and the probe stream. At a refresh
 * iteration it estimates S-hat_k at the model's current parameters (restoring them exactly) before
 * the step is taken, as Algorithms 3 and 4 do. On the step's batch, the direction at theta_k comes from
 * the step's own pass ({@link StepPass}), which the update then reuses.
 */
final class RateSource {

    static final String PROBE_STREAM = "sharpness-probe";

    private final RateConfig config;
    private final RestorableUniformRandomProvider probeStream;
    private final StochasticSharpness estimator;
    private SalrScheduleState salr;

    RateSource(RateConfig config, long seed) {
        this.config = config;
        if (config instanceof SalrRate s) {
            this.salr = s.schedule().newState();
            this.estimator = new StochasticSharpness(s.sharpness());
            this.probeStream = RandomStreams.named(seed, PROBE_STREAM);
        } else {
            this.salr = null;
            this.estimator = null;
            this.probeStream = null;
        }
    }

    /**
     * eta_k and, at SALR refresh iterations, the S-hat_k it was computed from with the mean length of the
     * probe's steps.
     */
    record Rate(double value, OptionalDouble sharpness, OptionalDouble probeStepLength) {
    }

    /**
     * eta_k for iteration k.
     *
     * @param pass the step's pass at theta_k on B_k (made here when the probe walks on B_k)
     * @throws ArithmeticException when S-hat is NaN or infinite (a diverged run)
     */
    Rate rate(TrainableModel model, StepPass pass, BatchSupplier fresh, long iteration) {
        if (config instanceof ScheduledRate s) {
            return new Rate(s.schedule().valueAt(iteration), OptionalDouble.empty(), OptionalDouble.empty());
        }
        SalrRate s = (SalrRate) config;
        if (!salr.needsSharpness(iteration)) {
            return new Rate(salr.learningRate(iteration), OptionalDouble.empty(), OptionalDouble.empty());
        }
        SharpnessEstimate e;
        if (s.sharpness().probeBatch() == StochasticSharpnessConfig.ProbeBatch.FRESH) {
            e = estimator.estimate(model, fresh.next(), probeStream);
        } else {
            SharpnessWalk.Direction first = s.sharpness().normalization() == StochasticSharpnessConfig.Normalization.PER_EXAMPLE
                    ? StochasticSharpness.perExample(pass.normalized())
                    : StochasticSharpness.normalizedBatch(pass.lossGradient(Double.NaN));
            e = estimator.estimate(model, pass.batch(), probeStream, first);
        }
        double sHat = e.sHat();
        if (!Double.isFinite(sHat)) {
            throw new ArithmeticException("sharpness S-hat is " + sHat + " at iteration " + iteration);
        }
        salr.observe(iteration, sHat);
        return new Rate(salr.learningRate(iteration), OptionalDouble.of(sHat), OptionalDouble.of(e.meanStepLength()));
    }

    Map<String, byte[]> streams() {
        return probeStream == null ? Map.of() : Map.of(PROBE_STREAM, RandomStreams.save(probeStream));
    }

    Optional<SalrScheduleState.Snapshot> salrSnapshot() {
        return salr == null ? Optional.empty() : Optional.of(salr.snapshot());
    }

    void restore(MethodState state) {
        if (config instanceof SalrRate s) {
            salr = s.schedule().restore(state.salr().orElseThrow(
                    () -> new IllegalArgumentException("state has no SALR history")));
            RandomStreams.restore(probeStream, state.stream(PROBE_STREAM));
        }
    }
}
