package io.salr.optimizers.methods;

import io.salr.validation.Checks;

/**
 * Entropy-SGD's inner loop (Chaudhari et al. 2019; settings of Section VI): L Langevin steps of size eta' with
 * thermal noise, the coupling ("scope") gamma_k = scopeGamma (1 + scoping)^k, optionally capped at
 * {@code scopeMax}, and the running average mu with weight {@code alpha} on its previous value. The one record of
 * these parameters: a run spec holds it and {@link EntropySgdConfig} runs it; each is validated here, under its
 * spec-file name.
 *
 * @param langevinSteps L ({@code langevin_steps}), &gt;= 1
 * @param langevinLr eta' ({@code langevin_lr}), &gt; 0
 * @param noise the thermal noise epsilon, &gt;= 0
 * @param scopeGamma gamma_0 ({@code scope_gamma}), &gt; 0
 * @param scoping the growth of gamma per outer iteration, &gt;= 0
 * @param scopeMax the cap of gamma_k ({@code scope_max}), 0 = uncapped (the published setting)
 * @param alpha the weight of the previous average in mu, in [0, 1); 0.75 in the reference code
 * @param langevinMomentum the Nesterov momentum of the Langevin loop ({@code langevin_momentum}), in [0, 1):
 *     {@link EntropySgdConfig#REFERENCE_LANGEVIN_MOMENTUM} as both of the authors' implementations run it
 *     (Algorithm 1 as printed has none: 0)
 */
public record EntropyParams(int langevinSteps, double langevinLr, double noise, double scopeGamma, double scoping,
        double scopeMax, double alpha, double langevinMomentum) {

    public EntropyParams {
        Checks.atLeast("langevin_steps", langevinSteps, 1);
        Checks.positive("langevin_lr", langevinLr);
        Checks.nonNegative("noise", noise);
        Checks.positive("scope_gamma", scopeGamma);
        Checks.nonNegative("scoping", scoping);
        Checks.nonNegative("scope_max", scopeMax);
        Checks.inHalfOpenRange("alpha", alpha, 0.0, 1.0);
        Checks.inHalfOpenRange("langevin_momentum", langevinMomentum, 0.0, 1.0);
    }
}
