package io.salr.optimizers.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-example normalized direction of Algorithm 2.
 *
 * @param loss the mean loss over the batch, (1/B) sum_j f_j
 * @param direction (1/B) sum_j grad f_j / ||grad f_j|| over examples with a non-zero gradient, a fresh
 *     rank-1 array with zeros at the running-statistic positions
 * @param norms ||grad f_j|| for every example j, over the trainable positions
 */
public record NormalizedGradient(double loss, INDArray direction, double[] norms) {

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
