package io.salr.optimizers.engine;

/**
 * The kinds of layers with parameters a network of the {@link Catalogue} is made of, as far as the per-example
 * gradient norms of Algorithm 2 care: an engine computes every example's norm from one ordinary backward pass
 * only for the kinds it handles ({@link Engine#onePassNormLayers()}). Layers without parameters (activations,
 * pooling, dropout) do not matter; BatchNorm does, but through the coupling of the examples
 * ({@link Network#coupledByBatchNorm}), not as a kind.
 */
public enum LayerKind {
    /** Fully connected layers (an example's weight gradient is the outer product a_j d_j^T). */
    DENSE,
    /** Convolutions (the outer products of the patch matrices). */
    CONVOLUTION,
    /** Recurrent layers over a sequence (a sum of outer products over the time steps). */
    RECURRENT
}
