package io.salr.optimizers.schedule;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The immutable configuration of the SALR schedule (Algorithm 1, Section II; Algorithm 3, Section V):
 * {@code eta_k = base(k) * m_k} with multiplier {@code m_k = S_k / median(S_1..S_k)}, where sharpness
 * is refreshed every {@code c} iterations and reused in between. Create the mutable state with
 * {@link #newState()}; build with {@link #of(double, int)} or {@link #builder(double)}.
 *
 * <p>Every option below is off by default, which gives Algorithm 3 exactly; each is a record component
 * so a run can record it (the harness's codec writes it).
 *
 * @param eta0 the base learning rate eta_0, finite and &gt; 0; equals {@code baseSchedule.valueAt(0)}
 * @param c the sharpness refresh period (Algorithm 3's frequency), &gt;= 1: sharpness is computed at
 *     iterations with {@code k mod c == 0}, the last value is reused in between, and the median's
 *     history holds one value per refresh
 * @param multiplierMin optional lower clamp of the multiplier (empty: off); finite and &gt;= 0
 * @param multiplierMax optional upper clamp of the multiplier (empty: off); finite, &gt; 0 and
 *     &gt;= multiplierMin
 * @param warmupIterations iterations {@code 0..w-1} use the base schedule unchanged (multiplier 1);
 *     0 (the default) is off. Sharpness is still measured and recorded at refresh iterations during
 *     warm-up, so that when the multiplier takes effect the median already summarizes the landscape
 *     seen during warm-up instead of a single value (the paper's median is a global sharpness
 *     parameter learned along the run); this costs the usual sharpness gradient calls.
 * @param baseSchedule the base schedule multiplied by the SALR multiplier; default
 *     {@code Constant(eta0)}
 * @param priorSharpness optional calibration history (default empty: off): sharpness values entered
 *     into the median before the first observation, e.g. Definition 1 measured with the same
 *     configuration at points sampled over the landscape. With an empty history the first multiplier
 *     is always 1 and a run that starts in a basin learns that basin as the norm; a prior makes
 *     "sharp" mean sharp relative to the landscape, as Section II describes the median. Values must be
 *     finite.
 */
public record SalrScheduleConfig(
        double eta0,
        int c,
        OptionalDouble multiplierMin,
        OptionalDouble multiplierMax,
        long warmupIterations,
        BaseSchedule baseSchedule,
        List<Double> priorSharpness) {

    /** Validates every field; errors name the parameter and its value. */
    public SalrScheduleConfig {
        Checks.positive("eta0", eta0);
        checkOptions(c, multiplierMin, multiplierMax, warmupIterations);
        Checks.present("baseSchedule", baseSchedule);
        if (baseSchedule.valueAt(0) != eta0) {
            throw new InvalidParameterException("baseSchedule", baseSchedule,
                    "must start at eta0 = " + eta0 + " (valueAt(0) = " + baseSchedule.valueAt(0) + ")");
        }
        Checks.present("priorSharpness", priorSharpness);
        for (int i = 0; i < priorSharpness.size(); i++) {
            Double value = priorSharpness.get(i);
            Checks.present("priorSharpness[" + i + "]", value);
            Checks.finite("priorSharpness[" + i + "]", value);
        }
        priorSharpness = List.copyOf(priorSharpness);
    }

    /**
     * The one validation of SALR's refresh period, clamps and warm-up, for this record and for a run spec's
     * {@code SalrParams} alike (a spec's clamp of 0 is "off", an empty value here). Errors name the option by its
     * spec-file name ({@code c}, {@code clamp_min}, {@code clamp_max}, {@code warmup}) and the value.
     */
    public static void checkOptions(int c, OptionalDouble clampMin, OptionalDouble clampMax, long warmup) {
        Checks.atLeast("c", c, 1);
        Checks.present("clamp_min", clampMin);
        Checks.present("clamp_max", clampMax);
        if (clampMin.isPresent()) {
            Checks.nonNegative("clamp_min", clampMin.getAsDouble());
        }
        if (clampMax.isPresent()) {
            Checks.positive("clamp_max", clampMax.getAsDouble());
            if (clampMin.isPresent() && clampMax.getAsDouble() < clampMin.getAsDouble()) {
                throw new InvalidParameterException("clamp_max", clampMax.getAsDouble(),
                        "must be >= clamp_min = " + clampMin.getAsDouble());
            }
        }
        Checks.atLeast("warmup", warmup, 0L);
    }

    /** Algorithm 3 with every option off: constant base eta0, refresh every c iterations. */
    public static SalrScheduleConfig of(double eta0, int c) {
        return builder(eta0).c(c).build();
    }

    /** A builder starting from the defaults: c = 1, no clamp, no warm-up, Constant(eta0), no prior. */
    public static Builder builder(double eta0) {
        return new Builder(eta0);
    }

    /** A fresh mutable state: empty observed history (the prior, if any, is already in the median). */
    public SalrScheduleState newState() {
        return new SalrScheduleState(this);
    }

    /** The state saved by {@link SalrScheduleState#snapshot()}, rebuilt under this configuration. */
    public SalrScheduleState restore(SalrScheduleState.Snapshot snapshot) {
        return SalrScheduleState.restore(this, snapshot);
    }


    /** Collects options over the defaults; {@link #build()} validates. */
    public static final class Builder {
        private final double eta0;
        private int c = 1;
        private OptionalDouble multiplierMin = OptionalDouble.empty();
        private OptionalDouble multiplierMax = OptionalDouble.empty();
        private long warmupIterations;
        private BaseSchedule baseSchedule;
        private List<Double> priorSharpness = List.of();

        private Builder(double eta0) {
            this.eta0 = eta0;
        }

        /** The refresh period c (default 1). */
        public Builder c(int value) {
            this.c = value;
            return this;
        }

        /** Clamp the multiplier to [min, max]. */
        public Builder multiplierClamp(double min, double max) {
            this.multiplierMin = OptionalDouble.of(min);
            this.multiplierMax = OptionalDouble.of(max);
            return this;
        }

        /** Clamp the multiplier from below only. */
        public Builder multiplierMin(double min) {
            this.multiplierMin = OptionalDouble.of(min);
            return this;
        }

        /** Clamp the multiplier from above only. */
        public Builder multiplierMax(double max) {
            this.multiplierMax = OptionalDouble.of(max);
            return this;
        }

        /** Use the base schedule unchanged for iterations 0..w-1 (default 0: off). */
        public Builder warmupIterations(long w) {
            this.warmupIterations = w;
            return this;
        }

        /** The base schedule (default Constant(eta0)); its value at iteration 0 must equal eta0. */
        public Builder baseSchedule(BaseSchedule schedule) {
            this.baseSchedule = schedule;
            return this;
        }

        /** Calibration values entered into the median before the first observation (default none). */
        public Builder priorSharpness(List<Double> values) {
            this.priorSharpness = values == null ? null : new ArrayList<>(values);
            return this;
        }

        /** The validated configuration. */
        public SalrScheduleConfig build() {
            BaseSchedule base = baseSchedule != null ? baseSchedule : new BaseSchedule.Constant(Checks.positive("eta0", eta0));
            return new SalrScheduleConfig(eta0, c, multiplierMin, multiplierMax, warmupIterations, base, priorSharpness);
        }
    }
}
