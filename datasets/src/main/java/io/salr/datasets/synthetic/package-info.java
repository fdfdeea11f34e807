/**
 * Synthetic objective landscapes with known geometry for checking the SALR mathematics: quadratics
 * with a chosen Hessian spectrum (Theorem 1, Section IV), the 1-D function of Fig. 2
 * (f(t) = 0.5 t sin(3t) + 1, Section III), sharp-versus-flat landscapes with minima of equal depth
 * (Theorem 2, Section IV) and Rosenbrock. Each is a
 * {@link io.salr.optimizers.function.DifferentiableFunction}; {@link io.salr.datasets.synthetic.Landscapes}
 * looks them up by command-line name.
 */
package io.salr.datasets.synthetic;
