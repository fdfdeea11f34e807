package io.salr.optimizers.engine;

/**
 * Inference-mode sums over one batch (BatchNorm with its running statistics, no dropout), from which
 * the harness forms mean loss and accuracy over a data split.
 *
 * @param lossSum the summed cross-entropy over every predicted position
 * @param correct positions whose arg-max prediction is the target
 * @param positions predicted positions (examples, or examples times time steps)
 */
public record Predictions(double lossSum, long correct, long positions) {
}
