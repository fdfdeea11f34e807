package io.salr.datasets.real;

import org.nd4j.linalg.dataset.DataSet;

/**
 * One split of a data set held in memory: a fixed number of examples that can be assembled into ND4J
 * minibatches for any array of example indices (the trainer owns the order, through its own seeded
 * permutation). Implementations are immutable.
 */
public sealed interface ExampleSet permits LabeledData, CharSequenceData {

    /** Number of examples. */
    int size();

    /** Number of classes of the (one-hot) labels. */
    int numClasses();

    /**
     * A minibatch of the examples at {@code indices}, in that order, with float32 features and one-hot
     * float32 labels in the implementation's natural layout.
     *
     * @throws io.salr.optimizers.validation.InvalidParameterException if an index is out of range or the
     *                                                                  array is empty
     */
    DataSet batch(int[] indices);

    /**
     * The subset at {@code indices}, in that order (indices may repeat).
     *
     * @throws io.salr.optimizers.validation.InvalidParameterException if an index is out of range or the
     *                                                                  array is empty
     */
    ExampleSet select(int[] indices);

    /** Checks an index array against a size; shared by the implementations. */
    static void checkIndices(int[] indices, int size) {
        io.salr.optimizers.validation.Checks.present("indices", indices);
        if (indices.length == 0) {
            throw new io.salr.optimizers.validation.InvalidParameterException("indices.length", 0, "must be >= 1");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size) {
                throw new io.salr.optimizers.validation.InvalidParameterException("indices[" + k + "]", indices[k],
                        "must lie in [0, " + size + ")");
            }
        }
    }
}
