/**
 * Measures of a trained model at the end of a run, engine-neutral: the sharpness of Definition 1
 * without median normalization (Table II) and the curvature of the loss Hessian by power iteration on
 * Hessian-vector products.
 */
package io.salr.optimizers.measures;
