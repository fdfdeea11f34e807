package io.salr.optimizers.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of one forward+backward pass, already brought to the paper's scale (Section V, eq. (3)).
 *
 * @param loss the mean loss over the batch, (1/B) sum_j f_j
 * @param gradient the mean gradient (1/B) sum_j grad f_j, a fresh
 *     rank-1 array with zeros at the BatchNorm running-statistic positions
 * @param statisticsStep a fresh rank-1 array, zero except at the running-statistic positions, where it
 *     holds what DL4J's {@code fit()} subtracts from the running statistics after this pass; applying a
 *     training step means {@code params - update - statisticsStep}
 * @param batchSize B, the number of examples in the batch
 */
public record LossGradient(double loss, INDArray gradient, INDArray statisticsStep, long batchSize) {

    /** True when the loss and every gradient entry are finite. */
    public boolean isFinite() {
        return Double.isFinite(loss) && FiniteCheck.allFinite(gradient) && FiniteCheck.allFinite(statisticsStep);
    }
}
