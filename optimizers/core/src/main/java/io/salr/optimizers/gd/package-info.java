/**
 * Full-batch gradient descent on a {@link io.salr.optimizers.function.DifferentiableFunction}: plain
 * GD with a fixed step (the baseline of Theorem 1, Section IV) and GD-SALR, GD whose step is chosen by
 * Algorithm 1 with the sharpness of Definition 1 (the method of Theorem 2, Section IV). Both return a
 * {@link io.salr.optimizers.gd.Trajectory}; a run whose values become non-finite stops and is
 * recorded as diverged.
 */
package io.salr.optimizers.gd;
