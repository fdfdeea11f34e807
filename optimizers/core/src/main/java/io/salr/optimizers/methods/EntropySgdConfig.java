package io.salr.optimizers.methods;

import io.salr.validation.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entropy-SGD (Chaudhari et al. 2019, Algorithm 1) and its variants of Section VI: Entropy-Adam (the
 * outer update is Adam), Entropy-SGD-SALR and Entropy-Adam-SALR (the outer rate comes from SALR).
 * Per iteration, with x = theta_k, x' = mu = x and gamma_k = gamma0 (1 + scoping)^k:
 *
 * <pre>
 *   for l = 0 .. L-1:
 *     dx' = grad f_{B_l}(x') - gamma_k (x - x')
 *     x'  = x' - eta' dx' + sqrt(eta') noise N(0, I)
 *     mu  = (1 - alpha) mu + alpha x'
 *   outer gradient G = gamma_k (x - mu), given to the outer rule with rate eta_k
 * </pre>
 *
 * B_0 is the step's batch and B_1..B_{L-1} come from the {@link BatchSupplier}, as the reference code
 * draws a new minibatch for each Langevin step; L gradient calls per iteration (plus SALR probes).
 * Noise and all Langevin moves are restricted to the trainable positions; the BatchNorm running
 * statistics take the step of the first Langevin pass (at x) only. Section VI's settings: L = 5,
 * eta' = 0.1, noise 1e-4, gamma0 = 0.03, scoping 0.001, outer rate 1 dropping by 5 every four epochs.
 *
 * @param outerRule SGD (Entropy-SGD) or Adam (Entropy-Adam)
 * @param outerRate the outer rate eta_k: a base schedule or SALR
 * @param langevinSteps L, &gt;= 1
 * @param langevinRate eta', &gt; 0
 * @param noise the thermal noise epsilon, &gt;= 0
 * @param gamma0 the initial coupling gamma, &gt; 0
 * @param scoping gamma grows by the factor (1 + scoping) per iteration, &gt;= 0
 * @param alpha the weight of the moving average mu, in (0, 1]; 0.75 in the reference code
 */
public record EntropySgdConfig(RuleConfig outerRule, RateConfig outerRate, int langevinSteps, double langevinRate,
        double noise, double gamma0, double scoping, double alpha) implements MethodConfig {

    /** Validates every field. */
    public EntropySgdConfig {
        Checks.present("outerRule", outerRule);
        Checks.present("outerRate", outerRate);
        Checks.atLeast("langevinSteps", langevinSteps, 1);
        Checks.positive("langevinRate", langevinRate);
        Checks.nonNegative("noise", noise);
        Checks.positive("gamma0", gamma0);
        Checks.nonNegative("scoping", scoping);
        Checks.positive("alpha", alpha);
        Checks.inClosedRange("alpha", alpha, 0.0, 1.0);
    }

    @Override
    public String name() {
        return "Entropy-" + outerRule.name() + (outerRate.isSalr() ? "-SALR" : "");
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", name());
        out.put("outerRule", outerRule.describe());
        out.put("outerRate", outerRate.describe());
        out.put("langevinSteps", langevinSteps);
        out.put("langevinRate", langevinRate);
        out.put("noise", noise);
        out.put("gamma0", gamma0);
        out.put("scoping", scoping);
        out.put("alpha", alpha);
        return out;
    }

    @Override
    public TrainingMethod create(long seed) {
        return new EntropySgd(this, seed);
    }
}
