package io.salr.optimizers.methods;

import io.salr.validation.Checks;

/**
 * A first-order method with a learning-rate source: SGD and Adam with a base schedule, SGD-SALR
 * (Algorithm 3) and Adam-SALR (Algorithm 4) with {@link SalrRate}. One gradient call per step, plus the
 * sharpness probe's passes at SALR refresh iterations.
 *
 * @param rule SGD or Adam
 * @param rate the base schedule or SALR
 */
public record GradientMethodConfig(RuleConfig rule, RateConfig rate) implements MethodConfig {

    /** Validates both fields. */
    public GradientMethodConfig {
        Checks.present("rule", rule);
        Checks.present("rate", rate);
    }

    @Override
    public String name() {
        return rule.name() + (rate.isSalr() ? "-SALR" : "");
    }


    @Override
    public TrainingMethod create(long seed) {
        return new GradientMethod(this, seed);
    }
}
