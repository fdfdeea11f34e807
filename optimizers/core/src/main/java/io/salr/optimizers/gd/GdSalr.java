package io.salr.optimizers.gd;

import io.salr.optimizers.function.DifferentiableFunction;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.schedule.SalrScheduleState;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.NonFiniteGradientException;
import io.salr.optimizers.sharpness.SharpnessEstimate;
import io.salr.validation.Checks;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import io.salr.optimizers.engine.FlatVector;

/**
 * GD-SALR (Section IV, Theorem 2): full-batch GD whose learning rate follows the SALR schedule
 * (Algorithm 1, refreshed every c iterations as in Algorithm 3) with the sharpness of Definition 1.
 * At each refresh iteration the estimate is taken at theta_k before the update; every gradient and
 * value call of the probes is counted in the trajectory. A fresh schedule state is used per run.
 */
public final class GdSalr {

    /** The generator behind {@link #run(DifferentiableFunction, FlatVector, int, long)}'s probe stream. */
    public static final RandomSource PROBE_SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

    private final SalrScheduleConfig schedule;
    private final DeterministicSharpness sharpness;

    /**
     * @param schedule the SALR schedule configuration
     * @param sharpness the Definition 1 estimator (its config and zero-gradient policy)
     */
    public GdSalr(SalrScheduleConfig schedule, DeterministicSharpness sharpness) {
        this.schedule = Checks.present("schedule", schedule);
        this.sharpness = Checks.present("sharpness", sharpness);
    }

    /** The schedule configuration. */
    public SalrScheduleConfig schedule() {
        return schedule;
    }

    /** The sharpness estimator. */
    public DeterministicSharpness sharpness() {
        return sharpness;
    }

    /** Runs with a probe stream seeded by {@code probeSeed} through {@link #PROBE_SOURCE}. */
    public Trajectory run(DifferentiableFunction f, FlatVector theta0, int iterations, long probeSeed) {
        return run(f, theta0, iterations, PROBE_SOURCE.create(probeSeed));
    }

    /**
     * Runs {@code iterations} GD-SALR updates from theta0 (not modified). A non-finite value,
     * gradient, iterate or sharpness estimate stops the run, recorded as diverged.
     *
     * @param probeStream the stream the sharpness probes draw zero-gradient directions from
     */
    public Trajectory run(DifferentiableFunction f, FlatVector theta0, int iterations,
            UniformRandomProvider probeStream) {
        Checks.present("f", f);
        Checks.present("probeStream", probeStream);
        SalrScheduleState state = schedule.newState();
        DescentLoop.StepRule rule = (k, theta, loop) -> {
            if (state.needsSharpness(k)) {
                SharpnessEstimate estimate;
                try {
                    estimate = sharpness.estimate(f, theta, probeStream);
                } catch (NonFiniteGradientException e) {
                    return new DescentLoop.Step(Double.NaN, Double.NaN, Double.NaN, true);
                }
                loop.charge(estimate.gradientCalls(), estimate.valueCalls());
                if (!Double.isFinite(estimate.sHat())) {
                    return new DescentLoop.Step(Double.NaN, Double.NaN, estimate.sHat(), true);
                }
                state.observe(k, estimate.sHat());
            }
            double eta = state.learningRate(k);
            return new DescentLoop.Step(eta, state.lastMultiplier(), state.lastSharpness(), false);
        };
        return new DescentLoop(f).run(theta0, iterations, rule, true);
    }
}
