package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.schedule.SalrScheduleState;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * The mutable side of a {@link RateConfig}: the SALR schedule state and the probe stream. At a refresh
 * iteration it estimates S-hat_k at the model's current parameters (restoring them exactly) before
 * the step is taken, as Algorithms 3 and 4 do.
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

    /** eta_k and, at SALR refresh iterations, the S-hat_k it was computed from. */
    record Rate(double value, OptionalDouble sharpness) {
    }

    /**
     * eta_k for iteration k.
     *
     * @throws ArithmeticException when S-hat is NaN or infinite (a diverged run)
     */
    Rate rate(TrainableModel model, Batch batch, BatchSupplier fresh, long iteration) {
        if (config instanceof ScheduledRate s) {
            return new Rate(s.schedule().valueAt(iteration), OptionalDouble.empty());
        }
        SalrRate s = (SalrRate) config;
        OptionalDouble observed = OptionalDouble.empty();
        if (salr.needsSharpness(iteration)) {
            Batch probe = s.sharpness().probeBatch() == StochasticSharpnessConfig.ProbeBatch.FRESH
                    ? fresh.next() : batch;
            double sHat = estimator.estimate(model, probe, probeStream).sHat();
            if (!Double.isFinite(sHat)) {
                throw new ArithmeticException("sharpness S-hat is " + sHat + " at iteration " + iteration);
            }
            salr.observe(iteration, sHat);
            observed = OptionalDouble.of(sHat);
        }
        return new Rate(salr.learningRate(iteration), observed);
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
