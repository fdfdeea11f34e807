package io.salr.optimizers.spec;

import io.salr.validation.Checks;
import java.util.Map;

/**
 * Entropy-SGD's inner loop (Chaudhari et al. 2019; settings of Section VI): L Langevin steps of size
 * eta' with thermal noise, the coupling ("scope") gamma_k = scopeGamma (1 + scoping)^k, optionally capped
 * at {@code scopeMax}, and the running average mu with weight {@code alpha} on its previous value.
 *
 * @param langevinSteps L, &gt;= 1
 * @param langevinLr eta', &gt; 0
 * @param noise the thermal noise epsilon, &gt;= 0
 * @param scopeGamma gamma_0, &gt; 0
 * @param scoping the growth of gamma per outer iteration, &gt;= 0
 * @param scopeMax the cap of gamma_k, 0 = uncapped (the published setting)
 * @param alpha the weight of the previous average in mu, in [0, 1)
 * @param langevinMomentum the Nesterov momentum of the Langevin loop, in [0, 1): 0.9 by default, as both of the
 *     authors' implementations run it (Algorithm 1 as printed has none: 0)
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

    static EntropyParams read(ParamReader r) {
        return new EntropyParams(r.integer("langevin_steps", 5), r.real("langevin_lr", 0.1), r.real("noise", 1e-4),
                r.real("scope_gamma", 0.03), r.real("scoping", 1e-3), r.real("scope_max", 0.0), r.real("alpha", 0.75),
                r.real("langevin_momentum", io.salr.optimizers.methods.EntropySgdConfig.REFERENCE_LANGEVIN_MOMENTUM));
    }

    void write(Map<String, Object> out) {
        out.put("langevin_steps", langevinSteps);
        out.put("langevin_lr", langevinLr);
        out.put("noise", noise);
        out.put("scope_gamma", scopeGamma);
        out.put("scoping", scoping);
        out.put("scope_max", scopeMax);
        out.put("alpha", alpha);
        out.put("langevin_momentum", langevinMomentum);
    }
}
