package io.salr.optimizers.engine;

/**
 * What one training-mode pass would do to a model's BatchNorm running statistics, held back until the
 * step that made the pass is applied ({@link TrainableModel#applyStatistics(LossGradient)}). Probes and
 * perturbations never apply it, so they leave the statistics untouched. Opaque to the methods.
 */
public interface StatisticsUpdate {

    /** The update of a model without running statistics. */
    StatisticsUpdate NONE = () -> true;

    /** True when every value of the update is finite. */
    boolean isFinite();
}
