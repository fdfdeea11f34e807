package io.salr.optimizers.methods;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.TrainableModel;

/**
 * A training method with its mutable state, created by {@link MethodConfig#create(long)}. The caller's
 * loop calls {@link #step} once per iteration k = 0, 1, 2, ... and {@link #finish} once at the end.
 * Only the method changes the model's parameters during a step; every pass is counted on the model's
 * meter.
 */
public interface TrainingMethod {

    /** The configuration this method was created from. */
    MethodConfig config();

    /**
     * One iteration. A NaN or infinite value is reported in the returned record (the step is then not
     * applied), never thrown.
     *
     * @param model the model
     * @param batch the step's batch B_k
     * @param fresh further batches when the method needs them (fresh probe batches, Langevin steps)
     * @param iteration k, from 0
     */
    StepRecord step(TrainableModel model, Batch batch, BatchSupplier fresh, long iteration);

    /**
     * Ends training. SWA puts the running average into the model and recomputes the BatchNorm
     * statistics over {@code trainingData}; the other methods leave the model as it is.
     */
    void finish(TrainableModel model, Iterable<Batch> trainingData);

    /** The state for a checkpoint. */
    MethodState snapshot();

    /**
     * Puts back a state taken by {@link #snapshot()} of a method with the same configuration;
     * {@code like} is any vector of the model's engine and type (the state's vectors are made like it).
     */
    void restore(MethodState state, io.salr.optimizers.engine.FlatVector like);
}
