package io.salr.optimizers.methods;

import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.validation.Checks;

/**
 * eta_k = base(k) * S-hat_k / median(S-hat) (Algorithm 1; Algorithms 3 and 4 refresh S-hat every c
 * iterations), with S-hat from Algorithm 2.
 *
 * @param schedule the SALR schedule (eta0, c, base schedule and its options)
 * @param sharpness how Algorithm 2 is computed
 */
public record SalrRate(SalrScheduleConfig schedule, StochasticSharpnessConfig sharpness) implements RateConfig {

    /** Validates both fields. */
    public SalrRate {
        Checks.present("schedule", schedule);
        Checks.present("sharpness", sharpness);
    }

    @Override
    public boolean isSalr() {
        return true;
    }

}
