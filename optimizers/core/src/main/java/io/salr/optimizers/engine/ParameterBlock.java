package io.salr.optimizers.engine;

/**
 * One named parameter array of one layer and where it lies in the network's flat parameter vector.
 *
 * @param layer the layer's name (a ComputationGraph vertex name, or the index of a MultiLayerNetwork layer)
 * @param key the engine's parameter key ({@code W}, {@code b}, {@code gamma}, {@code mean}, ...)
 * @param offset the index of its first entry in the flat vector
 * @param length its number of entries
 * @param trainable false for BatchNorm running statistics, true for every weight an optimizer updates
 */
public record ParameterBlock(String layer, String key, long offset, long length, boolean trainable) {
}
