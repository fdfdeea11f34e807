package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;

/**
 * Supplies further training batches inside one step: fresh probe batches for Algorithm 2 (when the run
 * chooses {@link StochasticSharpnessConfig.ProbeBatch#FRESH}) and the batches of Entropy-SGD's
 * Langevin steps after the first. The caller decides where they come from (its own seeded stream).
 */
@FunctionalInterface
public interface BatchSupplier {

    /** The next batch. */
    Batch next();
}
