package io.salr.optimizers.schedule;

import io.salr.validation.Checks;

/**
 * The learning rate SALR multiplies: eta_0 in Algorithm 1, generalized to a function of the iteration
 * so SALR can be composed with a conventional decay (the base schedule is the {@code eta0} factor of
 * {@code eta_k = base(k) * S_k / median}).
 */
public interface BaseSchedule {

    /**
     * The base learning rate at an iteration.
     *
     * @param iteration k &gt;= 0
     */
    double valueAt(long iteration);


    /** Always eta0 (Algorithm 1 as printed). */
    record Constant(double eta0) implements BaseSchedule {

        /** Validates eta0: finite and &gt; 0. */
        public Constant {
            Checks.positive("eta0", eta0);
        }

        @Override
        public double valueAt(long iteration) {
            Checks.atLeast("iteration", iteration, 0L);
            return eta0;
        }

    }

    /**
     * {@code eta0 * factor^floor(k / everyIterations)}: multiply by {@code factor} every
     * {@code everyIterations} iterations.
     *
     * @param eta0 the rate at iteration 0, finite and &gt; 0
     * @param factor the decay factor, in (0, 1]
     * @param everyIterations the period of the decay, &gt;= 1
     */
    record StepDecay(double eta0, double factor, long everyIterations) implements BaseSchedule {

        /** Validates every field. */
        public StepDecay {
            Checks.positive("eta0", eta0);
            Checks.positive("factor", factor);
            Checks.inClosedRange("factor", factor, 0.0, 1.0);
            Checks.atLeast("everyIterations", everyIterations, 1L);
        }

        @Override
        public double valueAt(long iteration) {
            Checks.atLeast("iteration", iteration, 0L);
            return eta0 * Math.pow(factor, (double) (iteration / everyIterations));
        }

    }
}
