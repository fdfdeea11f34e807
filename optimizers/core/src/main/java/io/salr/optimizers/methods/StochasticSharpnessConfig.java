package io.salr.optimizers.methods;

import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.Checks;

/**
 * How Algorithm 2 (stochastic sharpness, Section V) is computed in a run.
 *
 * @param sharpness gamma, n1 (descent steps) and n2 (ascent steps), as in Definition 1
 * @param normalization how each step's direction is normalized
 * @param probeBatch which batch the probe uses
 * @param zeroGradientPolicy what a step does when its direction is exactly zero
 */
public record StochasticSharpnessConfig(SharpnessConfig sharpness, Normalization normalization,
        ProbeBatch probeBatch, ZeroGradientPolicy zeroGradientPolicy) {

    /** The direction of one normalized step of Algorithm 2. */
    public enum Normalization {
        /**
         * (1/B) sum_j grad f_j / ||grad f_j||, as Algorithm 2 is written; costs B gradient calls per
         * step (one per example, see {@code NetworkAdapter#perExampleNormalizedGradient}).
         */
        PER_EXAMPLE,
        /** g / ||g|| with g the batch's mean gradient, as in Definition 1; one gradient call per step. */
        BATCH
    }

    /** The batch on which the probe walks and evaluates f. */
    public enum ProbeBatch {
        /** The step's own batch B_k, as Algorithm 2 is written. */
        STEP,
        /** A batch drawn from the {@link BatchSupplier} for each estimate. */
        FRESH
    }

    /** Validates every field. */
    public StochasticSharpnessConfig {
        Checks.present("sharpness", sharpness);
        Checks.present("normalization", normalization);
        Checks.present("probeBatch", probeBatch);
        Checks.present("zeroGradientPolicy", zeroGradientPolicy);
    }

    /** Algorithm 2 as written: per-example normalization on the step's batch, default zero-gradient policy. */
    public static StochasticSharpnessConfig algorithm2(SharpnessConfig sharpness) {
        return new StochasticSharpnessConfig(sharpness, Normalization.PER_EXAMPLE, ProbeBatch.STEP,
                ZeroGradientPolicy.defaultPolicy());
    }

    /**
     * Algorithm 2 with the normalized batch gradient (one gradient call per probe direction instead of
     * B) on the step's batch, default zero-gradient policy: the command line's default.
     */
    public static StochasticSharpnessConfig batchNormalized(SharpnessConfig sharpness) {
        return new StochasticSharpnessConfig(sharpness, Normalization.BATCH, ProbeBatch.STEP,
                ZeroGradientPolicy.defaultPolicy());
    }


}
