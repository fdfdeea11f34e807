package io.salr.optimizers.methods;

import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.validation.Checks;

/**
 * Sharpness-aware minimization (Foret et al. 2021), the SAM baseline of Section VI: with g the mean
 * gradient at theta_k on B_k, e = rho g / ||g|| (trainable positions), the rule is driven by the
 * gradient at theta_k + e on the same batch. Two gradient calls per step. The BatchNorm running
 * statistics take the step of the first (unperturbed) pass only, once per iteration.
 *
 * @param rule the base rule (SGD or Adam)
 * @param schedule eta_k
 * @param rho the perturbation radius, &gt; 0
 */
public record SamConfig(RuleConfig rule, BaseSchedule schedule, double rho) implements MethodConfig {

    /** Validates every field. */
    public SamConfig {
        Checks.present("rule", rule);
        Checks.present("schedule", schedule);
        checkRho(rho);
    }

    /** The one validation of the perturbation radius (a run spec's {@code rho} is checked here too). */
    public static void checkRho(double rho) {
        Checks.positive("rho", rho);
    }

    @Override
    public String name() {
        return "SAM";
    }


    @Override
    public TrainingMethod create(long seed) {
        return new Sam(this);
    }
}
