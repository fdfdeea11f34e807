package io.salr.optimizers.sharpness;

/**
 * What a normalized step of Definition 1 does when the gradient at the current probe point is
 * exactly zero, so that g / ||g|| is undefined (the paper does not say). The default used by
 * callers that do not choose is {@link #RANDOM_DIRECTION}: at a stationary point (for example, exactly
 * at a minimizer) a ball of radius gamma around it is still explored, so the estimate reflects the
 * curvature there instead of collapsing to zero.
 *
 * <p>A gradient whose norm is not finite is never handled by a policy: it is reported as a
 * {@link NonFiniteGradientException}.
 */
public enum ZeroGradientPolicy {

    /**
     * Take the step of length gamma along a uniformly random unit direction (a standard Gaussian
     * vector, normalized) drawn from the probe stream passed to the estimate; the default.
     */
    RANDOM_DIRECTION,

    /** End that chain of steps at the stationary point; the remaining steps of the chain are skipped. */
    STOP;

    /** The policy used when none is chosen: {@link #RANDOM_DIRECTION}. */
    public static ZeroGradientPolicy defaultPolicy() {
        return RANDOM_DIRECTION;
    }
}
