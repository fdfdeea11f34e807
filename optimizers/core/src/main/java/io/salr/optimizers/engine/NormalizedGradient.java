package io.salr.optimizers.engine;

/**
 * The per-example normalized direction of Algorithm 2, with what the same passes give besides.
 *
 * @param loss the mean loss over the batch, (1/B) sum_j f_j
 * @param direction (1/B) sum_j grad f_j / ||grad f_j|| over the examples with a non-zero gradient, a fresh
 *     vector with zeros outside the trainable mask; its norm is at most 1
 * @param norms ||grad f_j|| for every example j, over the trainable positions
 * @param gradient the mean gradient (1/B) sum_j grad f_j on the batch, a fresh vector (so that a training
 *     step at the same point can reuse it instead of making another pass)
 * @param statistics the running-statistics update of the batch pass (for a step that reuses this pass)
 */
public record NormalizedGradient(double loss, FlatVector direction, double[] norms, FlatVector gradient,
        StatisticsUpdate statistics) {

    /** Defensive copy of the norms. */
    public NormalizedGradient {
        norms = norms.clone();
    }

    /** A copy of the per-example norms. */
    @Override
    public double[] norms() {
        return norms.clone();
    }
}
