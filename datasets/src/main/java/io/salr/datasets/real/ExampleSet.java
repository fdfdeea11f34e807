package io.salr.datasets.real;

import io.salr.optimizers.engine.HostBatch;

/**
 * One split of a data set held in memory: a fixed number of examples that can be assembled into
 * minibatches ({@link HostBatch}, plain arrays any engine can take) for any array of example indices (the trainer owns the order, through its own seeded
 * permutation). Implementations are immutable.
 */
public sealed interface ExampleSet permits LabeledData, CharSequenceData {

    /** Number of examples. */
    int size();

    /** Number of classes of the (one-hot) labels. */
    int numClasses();

    /**
     * A minibatch of the examples at {@code indices}, in that order: float32 image features with class
     * indices, or symbol sequences with their next symbols.
     *
     * @throws io.salr.validation.InvalidParameterException if an index is out of range or the
     *                                                                  array is empty
     */
    HostBatch batch(int[] indices);

    /**
     * The subset at {@code indices}, in that order (indices may repeat).
     *
     * @throws io.salr.validation.InvalidParameterException if an index is out of range or the
     *                                                                  array is empty
     */
    ExampleSet select(int[] indices);

    /** Checks an index array against a size; shared by the implementations. */
    static void checkIndices(int[] indices, int size) {
        io.salr.validation.Checks.present("indices", indices);
        if (indices.length == 0) {
            throw new io.salr.validation.InvalidParameterException("indices.length", 0, "must be >= 1");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size) {
                throw new io.salr.validation.InvalidParameterException("indices[" + k + "]", indices[k],
                        "must lie in [0, " + size + ")");
            }
        }
    }
}
