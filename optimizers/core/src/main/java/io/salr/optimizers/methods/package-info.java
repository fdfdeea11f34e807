/**
 * The methods compared in Section VI, written once against the engine boundary
 * ({@link io.salr.optimizers.engine.TrainableModel}, flat {@link io.salr.optimizers.engine.FlatVector}s):
 * SGD and Adam; their SALR forms (Algorithms 3 and 4, Section V, with the stochastic sharpness of
 * Algorithm 2); SAM (Foret et al. 2021); Entropy-SGD and Entropy-Adam (Chaudhari et al. 2019) with and
 * without SALR; SWA (Izmailov et al. 2018). Each method is an immutable validated {@code ...Config} that
 * creates a mutable {@link io.salr.optimizers.methods.TrainingMethod}; the state can be captured as a
 * {@link io.salr.optimizers.methods.MethodState} for checkpoints (parameters are stored separately).
 */
package io.salr.optimizers.methods;
