package io.salr.optimizers.spec;

import io.salr.optimizers.methods.SalrRate;
import io.salr.optimizers.methods.StochasticSharpnessConfig;
import io.salr.optimizers.methods.StochasticSharpnessConfig.Normalization;
import io.salr.optimizers.methods.StochasticSharpnessConfig.ProbeBatch;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.Checks;
import java.util.Map;

/**
 * SALR's parameters (Algorithms 1-3): the probe of Algorithm 2 (gamma, n1 descent and n2 ascent steps,
 * how a step is normalized, which batch it walks on) and the schedule (refresh every c iterations,
 * optional clamp and warm-up). Defaults: Section VI's CIFAR setting n1 = n2 = 5, c = 2.
 *
 * @param gamma the probe step, &gt; 0
 * @param n1 descent steps, &gt;= 0
 * @param n2 ascent steps, &gt;= 0 (n1 + n2 &gt;= 1)
 * @param c the refresh period, &gt;= 1
 * @param normalization {@code per-example} (Algorithm 2) or {@code batch}
 * @param probeBatch {@code step} (Algorithm 2: the step's batch) or {@code fresh}
 * @param clampMin lower clamp of eta_k / eta_0, 0 = none
 * @param clampMax upper clamp of eta_k / eta_0, 0 = none
 * @param warmup iterations at the base rate before SALR takes over, &gt;= 0
 */
public record SalrParams(double gamma, int n1, int n2, int c, Normalization normalization, ProbeBatch probeBatch,
        double clampMin, double clampMax, int warmup) {

    /**
     * The default normalization of a probe step: Algorithm 2 as written (the mean of per-example unit
     * gradients), which both engines compute in 1 gradient call per probe step on networks without
     * BatchNorm (one pass per example where BatchNorm couples the examples: set {@code batch} there).
     */
    public static final Normalization DEFAULT_NORMALIZATION = Normalization.PER_EXAMPLE;

    public SalrParams {
        new SharpnessConfig(gamma, n1, n2); // validates gamma, n1, n2 naming each
        // c, the clamps and the warm-up are checked where the schedule checks them, under the same names
        SalrScheduleConfig.checkOptions(c, clamp(clampMin), clamp(clampMax), warmup);
        Checks.present("normalization", normalization);
        Checks.present("probe_batch", probeBatch);
    }

    /** A spec's clamp as the schedule takes it: 0 is off; any other value (a negative one too) is checked. */
    private static java.util.OptionalDouble clamp(double value) {
        return value == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(value);
    }

    static SalrParams read(ParamReader r) {
        return new SalrParams(r.real(Param.GAMMA, 0.01), r.integer(Param.N1, 5), r.integer(Param.N2, 5),
                r.integer(Param.C, 2), r.choice(Param.NORMALIZATION, DEFAULT_NORMALIZATION, Normalization.class),
                r.choice(Param.PROBE_BATCH, ProbeBatch.STEP, ProbeBatch.class),
                r.real(Param.CLAMP_MIN, 0.0), r.real(Param.CLAMP_MAX, 0.0), r.integer(Param.WARMUP, 0));
    }

    void write(Map<Param, ParamValue> out) {
        out.put(Param.GAMMA, ParamValue.of(gamma));
        out.put(Param.N1, ParamValue.of(n1));
        out.put(Param.N2, ParamValue.of(n2));
        out.put(Param.C, ParamValue.of(c));
        out.put(Param.NORMALIZATION, ParamValue.of(normalization));
        out.put(Param.PROBE_BATCH, ParamValue.of(probeBatch));
        out.put(Param.CLAMP_MIN, ParamValue.of(clampMin));
        out.put(Param.CLAMP_MAX, ParamValue.of(clampMax));
        out.put(Param.WARMUP, ParamValue.of(warmup));
    }

    /** The optimizers' SALR rate on a base schedule whose eta_0 is {@code lr}. */
    SalrRate rate(double lr, BaseSchedule base) {
        SalrScheduleConfig.Builder b = SalrScheduleConfig.builder(lr).c(c).warmupIterations(warmup).baseSchedule(base);
        clamp(clampMin).ifPresent(b::multiplierMin);
        clamp(clampMax).ifPresent(b::multiplierMax);
        return new SalrRate(b.build(), new StochasticSharpnessConfig(new SharpnessConfig(gamma, n1, n2),
                normalization, probeBatch, ZeroGradientPolicy.defaultPolicy()));
    }

    /**
     * Gradient calls a refresh's probe adds to the iterations of one refresh period, averaged per
     * iteration (at most: a {@code STOP} zero-gradient policy can end a chain early). Both chains start at
     * theta_k, so the direction there is computed once; on the step's batch that pass is also the
     * update's gradient, so it costs nothing extra for a batch-normalized probe and
     * {@code directionCalls - 1} for a per-example one. Every further step costs one direction.
     *
     * @param directionCalls gradient calls of one probe direction: 1 for {@code batch}, what the engine's
     *     per-example direction costs for {@code per-example}
     */
    public double probeCallsPerIteration(long directionCalls) {
        long directions = 1 + Math.max(n1 - 1, 0) + Math.max(n2 - 1, 0);
        double perRefresh = (double) directions * directionCalls;
        if (probeBatch == ProbeBatch.STEP) {
            perRefresh -= 1; // the pass at theta_k on B_k is the update's own
        }
        return perRefresh / c;
    }

    /**
     * What one iteration of SGD-SALR or Adam-SALR costs in the paper's currency: (n1 + n2) / c, as Section VI
     * counts it (5 at n1 = n2 = 5, c = 2, the ratio of its 40 epochs to SGD's 200), and never less than the 1
     * of the step's own gradient.
     */
    public double paperCallsPerIteration() {
        return Math.max(1.0, (double) (n1 + n2) / c);
    }
}
