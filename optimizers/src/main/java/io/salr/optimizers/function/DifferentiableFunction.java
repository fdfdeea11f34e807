package io.salr.optimizers.function;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable objective f: R^n -> R together with its gradient.
 *
 * <p>Points are rank-1 ND4J vectors of length {@link #dimension()}. Implementations must not modify
 * the point they are given and must return a fresh gradient array (callers may mutate it). The same
 * contract is later served by the DL4J adapter, where a point is a network's flattened parameters.
 */
public interface DifferentiableFunction {

    /** The length n of the points this function accepts. */
    int dimension();

    /** f(theta). */
    double value(INDArray theta);

    /** The gradient of f at theta, a new rank-1 array of length n. */
    INDArray gradient(INDArray theta);
}
