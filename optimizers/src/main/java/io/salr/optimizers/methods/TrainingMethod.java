package io.salr.optimizers.methods;

import io.salr.optimizers.dl4j.NetworkAdapter;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A training method with its mutable state, created by {@link MethodConfig#create(long)}. The caller's
 * loop calls {@link #step} once per iteration k = 0, 1, 2, ... and {@link #finish} once at the end.
 * Only the method changes the network's parameters during a step; every pass is counted on the
 * adapter's meter.
 */
public interface TrainingMethod {

    /** The configuration this method was created from. */
    MethodConfig config();

    /**
     * One iteration. A NaN or infinite value is reported in the returned record (the step is then not
     * applied), never thrown.
     *
     * @param net the network
     * @param batch the step's batch B_k
     * @param fresh further batches when the method needs them (fresh probe batches, Langevin steps)
     * @param iteration k, from 0
     */
    StepRecord step(NetworkAdapter net, DataSet batch, BatchSupplier fresh, long iteration);

    /**
     * Ends training. SWA puts the running average into the network and recomputes the BatchNorm
     * statistics over {@code trainingData}; the other methods leave the network as it is.
     */
    void finish(NetworkAdapter net, Iterable<DataSet> trainingData);

    /** The state for a checkpoint. */
    MethodState snapshot();

    /** Puts back a state taken by {@link #snapshot()} of a method with the same configuration. */
    void restore(MethodState state);
}
