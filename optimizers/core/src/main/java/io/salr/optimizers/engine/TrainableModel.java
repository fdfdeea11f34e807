package io.salr.optimizers.engine;

import io.salr.optimizers.meter.GradientMeter;
import java.util.List;

/**
 * The engine boundary: a network seen as the objective of Section V, eq. (3), the mean over a batch
 * of per-example losses as a function of a flat parameter vector. The training methods, the SALR
 * schedule and the sharpness probes see a model through this interface only; each engine (DL4J,
 * LibTorch) implements it in its own module.
 *
 * <p><b>Parameters.</b> The flat vector holds every trainable weight and, for networks with BatchNorm,
 * the running statistics too (so that one vector saves and restores the whole model exactly);
 * {@link #trainableMask()} tells which is which. Norms, probe steps, perturbations and noise are restricted
 * to the trainable positions; the running statistics change only through {@link #applyStatistics}.
 *
 * <p><b>Forward mode.</b> {@link #lossAndGradient}, {@link #perExampleNormalizedGradient} and
 * {@link #loss} run in training mode (BatchNorm with the batch's statistics, dropout active with the
 * masks of the last {@link #seedStochasticLayers} seed); {@link #predict} runs in inference mode. No
 * pass changes the parameters.
 *
 * <p><b>Counting.</b> Every forward+backward pass is one gradient call on {@link #meter()}, every
 * forward-only training-mode loss one forward call; nothing else counts (STYLE: the meter is the only
 * source of truth for budgets). Inference passes are counted on the meter the caller passes.
 */
public interface TrainableModel {

    /** The meter every training-mode pass is counted on. */
    GradientMeter meter();

    /** The number of entries of the flat parameter vector (running statistics included). */
    long numParams();

    /** Where each named parameter array lies in the flat vector, in order. */
    List<ParameterBlock> layout();

    /** A fresh copy of the flat parameter vector. */
    FlatVector params();

    /** Copies {@code params} (length {@link #numParams()}, this engine) into the model, bit for bit. */
    void setParams(FlatVector params);

    /**
     * The current parameters without a copy where the engine can give a view of them (the torch engine);
     * the default is {@link #params()}. The caller only reads it, and only until the parameters next change
     * ({@link #setParams}, {@link #applyUpdate}): a view follows them, a copy does not.
     */
    default FlatVector parameterView() {
        return params();
    }

    /**
     * theta - delta as the new parameters, where every entry of it is finite: then true. Otherwise false,
     * and the parameters stay as they were. Bit for bit {@code setParams(params().sub(delta))}; an engine may
     * do it without the copies (the torch engine: one subtraction into a buffer it keeps, one copy back).
     *
     * @param delta the step, a vector of this engine of length {@link #numParams()}
     */
    default boolean applyUpdate(FlatVector delta) {
        FlatVector next = params().sub(delta);
        if (!next.allFinite()) {
            return false;
        }
        setParams(next);
        return true;
    }

    /**
     * A vector with 1 at every trainable position and 0 at the running-statistic positions. The caller
     * must not modify it: an engine may hand out the same vector every time.
     */
    FlatVector trainableMask();

    /** A fresh vector of zeros in the model's engine and floating-point type. */
    FlatVector zeros();

    /** True when the model has BatchNorm running statistics in its parameter vector. */
    boolean hasRunningStatistics();

    /** The engine's form of a host batch. */
    Batch batch(HostBatch host);

    /** One forward+backward pass: the mean loss and mean gradient on {@code batch}. One gradient call. */
    LossGradient lossAndGradient(Batch batch);

    /**
     * Algorithm 2's direction (1/B) sum_j grad f_j / ||grad f_j|| with the norms over the trainable
     * positions, each per-example gradient taken in the context of its batch (BatchNorm couples the
     * examples). The meter counts what this really costs, in gradient calls.
     */
    NormalizedGradient perExampleNormalizedGradient(Batch batch);

    /** The mean training-mode loss on {@code batch}, forward only. One forward call. */
    double loss(Batch batch);

    /**
     * Applies the running-statistics update of a training-mode pass to the current
     * parameters (DL4J's {@code fit()} does this after every step); nothing for a model without them.
     */
    void applyStatistics(StatisticsUpdate update);

    /**
     * Recomputes the BatchNorm running statistics as the equal-weight average over {@code batches} of
     * each batch's statistics at the current weights (SWA's BatchNorm update). Counts what it costs;
     * does nothing and counts nothing for a model without running statistics.
     */
    void recomputeRunningStatistics(Iterable<Batch> batches);

    /** Fixes the dropout masks of the following training-mode passes (same seed, same batch: same masks). */
    void seedStochasticLayers(long seed);

    /**
     * Makes the next training-mode pass draw the same dropout masks as the first pass after the last
     * {@link #seedStochasticLayers} (for a batch of the same shape): the passes of one sharpness
     * measurement then all see the masks of the step's own gradient, so S-hat measures one function
     * instead of the noise between masks. Does nothing for a model without dropout.
     */
    void repeatStochasticLayers();

    /**
     * Gradient calls one {@link #perExampleNormalizedGradient} costs on a batch of {@code batchSize}
     * examples (B where each example needs its own pass; fewer where the engine computes per-example
     * norms from one pass).
     */
    default long perExampleDirectionCalls(int batchSize) {
        return batchSize;
    }

    /** Inference-mode sums on {@code batch}; one forward call on {@code meter}. */
    Predictions predict(Batch batch, GradientMeter meter);

    /**
     * A float64 copy of this model with the same parameters and dropout switched off, counting on
     * {@code meter}: the model of the end-of-run measures, where finite differences need the precision.
     */
    TrainableModel measurementCopy(GradientMeter meter);
}
