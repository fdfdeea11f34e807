package io.salr.optimizers.engine;

/**
 * A minibatch in the form one engine computes on (ND4J arrays, LibTorch tensors), made from a
 * {@link HostBatch} by {@link TrainableModel#batch(HostBatch)}. The methods only pass batches on; they
 * never look inside.
 */
public interface Batch {

    /** The number of examples. */
    int size();
}
