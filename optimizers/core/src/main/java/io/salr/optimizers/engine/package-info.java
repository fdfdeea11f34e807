/**
 * The engine boundary (STYLE rule 13): a model seen as flat parameter and gradient vectors
 * ({@link io.salr.optimizers.engine.FlatVector}), the mean loss and gradient on a batch, forward-only
 * loss, exact save and restore, and the meter ({@link io.salr.optimizers.engine.TrainableModel}). The
 * sharpness of Definition 1 and Algorithm 2, the SALR schedule of Algorithm 1 and every method of
 * Section VI are written against these types once; each engine implements them in its own module.
 */
package io.salr.optimizers.engine;
