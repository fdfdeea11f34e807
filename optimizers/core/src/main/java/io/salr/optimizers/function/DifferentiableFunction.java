package io.salr.optimizers.function;

import io.salr.optimizers.engine.FlatVector;

/**
 * A differentiable objective f: R^n -&gt; R together with its gradient: a synthetic landscape (points are
 * {@link io.salr.optimizers.engine.ArrayVector}s), or a network's loss on a fixed batch as a function of
 * its flat parameters (points are the engine's vectors).
 *
 * <p>Implementations must not modify the point they are given and must return a fresh gradient vector
 * (callers may mutate it).
 */
public interface DifferentiableFunction {

    /** The length n of the points this function accepts. */
    int dimension();

    /** f(theta). */
    double value(FlatVector theta);

    /** The gradient of f at theta, a new vector of length n in theta's engine. */
    FlatVector gradient(FlatVector theta);
}
