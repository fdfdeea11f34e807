package io.salr.optimizers.engine;

/**
 * The result of one forward+backward pass, at the paper's scale (Section V, eq. (3)).
 *
 * @param loss the mean loss over the batch, (1/B) sum_j f_j (for sequences the mean over examples and time steps)
 * @param gradient the mean gradient (1/B) sum_j grad f_j, a fresh vector with zeros outside the trainable mask
 * @param statistics the pass's running-statistics update, applied only by a training step
 * @param batchSize B
 */
public record LossGradient(double loss, FlatVector gradient, StatisticsUpdate statistics, long batchSize) {

    /** True when the loss, every gradient entry and the statistics update are finite. */
    public boolean isFinite() {
        return Double.isFinite(loss) && gradient.allFinite() && statistics.isFinite();
    }
}
