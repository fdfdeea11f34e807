package io.salr.optimizers.methods;

import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;

/**
 * Stochastic weight averaging (Izmailov et al. 2018), the SWA baseline of Section VI. Before
 * {@code startIteration} the rule runs with {@code schedule}; from then on with the cyclic rate of
 * Izmailov et al., for i = k - startIteration + 1 and t(i) = ((i - 1) mod cycle + 1) / cycle,
 * eta = (1 - t) rateMax + t rateMin (cycle 1 gives the constant rate rateMin), and the parameters
 * after the last step of each cycle enter an equal-weight running average. {@link TrainingMethod#finish}
 * puts the average into the network and recomputes the BatchNorm statistics over the training batches
 * the caller supplies. One gradient call per step.
 *
 * @param rule SGD or Adam
 * @param schedule the rate before averaging starts
 * @param startIteration the first iteration of the SWA stage, &gt;= 0
 * @param rateMax alpha_1, the rate at the start of each cycle ({@code swa_lr_max}), &gt; 0
 * @param rateMin alpha_2, the rate at the end of each cycle ({@code swa_lr_min}), &gt; 0 and &lt;= rateMax
 * @param cycle the cycle length in iterations ({@code swa_cycle}), &gt;= 1
 */
public record SwaConfig(RuleConfig rule, BaseSchedule schedule, long startIteration, double rateMax,
        double rateMin, int cycle) implements MethodConfig {

    /** Validates every field. */
    public SwaConfig {
        Checks.present("rule", rule);
        Checks.present("schedule", schedule);
        Checks.atLeast("startIteration", startIteration, 0L);
        checkCycle(rateMax, rateMin, cycle);
    }

    /**
     * The one validation of the cyclic stage's parameters, naming each by its spec-file name: a run spec's SWA
     * parameters are checked here too.
     */
    public static void checkCycle(double rateMax, double rateMin, int cycle) {
        Checks.positive("swa_lr_max", rateMax);
        Checks.positive("swa_lr_min", rateMin);
        if (rateMin > rateMax) {
            throw new InvalidParameterException("swa_lr_min", rateMin, "must be <= swa_lr_max = " + rateMax);
        }
        Checks.atLeast("swa_cycle", cycle, 1);
    }

    /** The rate at iteration k. */
    public double rateAt(long k) {
        if (k < startIteration) {
            return schedule.valueAt(k);
        }
        long i = k - startIteration + 1;
        double t = (double) ((i - 1) % cycle + 1) / cycle;
        return (1 - t) * rateMax + t * rateMin;
    }

    /** True when the parameters after step k enter the average. */
    public boolean averagesAfter(long k) {
        return k >= startIteration && (k - startIteration + 1) % cycle == 0;
    }

    @Override
    public String name() {
        return "SWA";
    }


    @Override
    public TrainingMethod create(long seed) {
        return new Swa(this);
    }
}
