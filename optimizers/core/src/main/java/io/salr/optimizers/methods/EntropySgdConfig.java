package io.salr.optimizers.methods;

import io.salr.validation.Checks;

/**
 * Entropy-SGD (Chaudhari et al., ICLR 2017 / J. Stat. Mech. 2019, Algorithm 1, and the authors' reference
 * code github.com/ucla-vision/entropy-sgd) and its variants of Section VI: Entropy-Adam (the outer update
 * is Adam), Entropy-SGD-SALR and Entropy-Adam-SALR (the outer rate comes from SALR). Per iteration k,
 * with x = theta_k, x' = mu = x:
 *
 * <pre>
 *   gamma_k = min(scopeGamma (1 + scoping)^(k+1), scopeMax)     reference code (entropyoptim.lua: t = updates so far)
 *   v = 0                                                         reference code (the Langevin buffer restarts each update)
 *   for l = 0 .. L-1:
 *     g   = grad f_{B_l}(x')
 *     v   = m v + g;  g = g + m v                                   reference code: Nesterov momentum m, dampening 0
 *     dx' = g - gamma_k (x - x')                                    Algorithm 1
 *     x'  = x' - eta' dx' + sqrt(eta') noise N(0, I)                Algorithm 1
 *     mu  = alpha mu + (1 - alpha) x'                               reference code (beta1 = 0.75 on the old average)
 *   outer gradient G = x - mu, given to the outer rule with rate eta_k   reference code (Section VI: eta = 1)
 * </pre>
 *
 * B_0 is the step's batch and B_1..B_{L-1} come from the {@link BatchSupplier}, as the reference code
 * draws a new minibatch for each Langevin step; L gradient calls per iteration (plus SALR probes, whose
 * first direction is the pass at x on B_0). Noise and all Langevin moves are restricted to the trainable
 * positions; the BatchNorm running statistics take the step of the first Langevin pass (at x) only.
 *
 * <p>The Langevin loop's momentum m ({@code langevinMomentum}) is what both of the authors' implementations
 * run (train.lua and python/train.py pass momentum 0.9, nesterov true, dampening 0; Algorithm 1 of the paper
 * has none): the buffer starts at zero at each outer update and sees the gradient only, the coupling and the
 * noise are added after it. The outer step of the Lua code, which ran the paper's experiments, has no
 * momentum (it zeroes the momentum-carrying gradient and steps along x - mu alone); its PyTorch port adds
 * Nesterov momentum there. The harness's outer rule is whatever {@code outerRule} says: SGD with momentum 0
 * reproduces the Lua code. Two smaller differences from that code remain: its noise is scaled by
 * sqrt(2 eta') where Algorithm 1 (and this class) uses sqrt(eta'), and it adds the weight decay inside the
 * Langevin loop, which here applies in the outer rule only.
 *
 * <p>Two departures from a literal reading, both taken from the reference code: Algorithm 1 of the paper
 * writes mu's update with weight alpha on the new x' and the outer step as eta gamma (x - mu); the code
 * the paper's experiments ran keeps alpha on the old average and steps along (x - mu) (at gamma_0 = 0.03 the
 * paper's form would step 33 times shorter). The scope grows without bound in both; with eta' = 0.1 the
 * inner loop is unstable once eta' gamma_k &gt; 2 (gamma_k &gt; 20, reached after about 6,500 updates at
 * the published settings), so {@code scopeMax} can cap it (0 = uncapped, the published setting).
 *
 * @param outerRule SGD (Entropy-SGD) or Adam (Entropy-Adam)
 * @param outerRate the outer rate eta_k: a base schedule or SALR
 * @param loop the inner loop's parameters (L, eta', the noise, the scope and its growth and cap, alpha, the
 *     Langevin momentum), validated there
 */
public record EntropySgdConfig(RuleConfig outerRule, RateConfig outerRate, EntropyParams loop) implements MethodConfig {

    /** The Langevin momentum of both reference implementations (Nesterov, dampening 0). */
    public static final double REFERENCE_LANGEVIN_MOMENTUM = 0.9;

    /** Validates every field. */
    public EntropySgdConfig {
        Checks.present("outerRule", outerRule);
        Checks.present("outerRate", outerRate);
        Checks.present("loop", loop);
    }

    /**
     * A configuration from the inner loop's parameters one by one (see {@link EntropyParams}): L, eta', the noise,
     * gamma_0, its growth per update, its cap (0 = none), alpha and the Langevin momentum.
     */
    public EntropySgdConfig(RuleConfig outerRule, RateConfig outerRate, int langevinSteps, double langevinLr,
            double noise, double scopeGamma, double scoping, double scopeMax, double alpha, double langevinMomentum) {
        this(outerRule, outerRate, new EntropyParams(langevinSteps, langevinLr, noise, scopeGamma, scoping, scopeMax,
                alpha, langevinMomentum));
    }

    /** A configuration whose Langevin loop has no momentum (Algorithm 1 as printed). */
    public EntropySgdConfig(RuleConfig outerRule, RateConfig outerRate, int langevinSteps, double langevinLr,
            double noise, double scopeGamma, double scoping, double scopeMax, double alpha) {
        this(outerRule, outerRate, langevinSteps, langevinLr, noise, scopeGamma, scoping, scopeMax, alpha, 0.0);
    }

    /** The scope at iteration k (from 0). */
    public double scopeAt(long k) {
        double gamma = loop.scopeGamma() * Math.pow(1 + loop.scoping(), k + 1);
        return loop.scopeMax() > 0 ? Math.min(gamma, loop.scopeMax()) : gamma;
    }

    @Override
    public String name() {
        return "Entropy-" + outerRule.name() + (outerRate.isSalr() ? "-SALR" : "");
    }


    @Override
    public TrainingMethod create(long seed) {
        return new EntropySgd(this, seed);
    }
}
