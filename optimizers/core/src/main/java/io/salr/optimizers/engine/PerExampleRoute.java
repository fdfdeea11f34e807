package io.salr.optimizers.engine;

import io.salr.validation.Checks;

/**
 * How an engine computes the per-example normalized direction of Algorithm 2 on a network, and what that
 * costs in gradient calls (forward and backward passes over the batch).
 */
public enum PerExampleRoute {
    /**
     * One forward and one backward pass give every example's gradient norm layer by layer, the weighted
     * direction and the mean gradient: 1 gradient call whatever the batch size.
     */
    ONE_PASS,
    /**
     * One pass per example, each keeping only that example's loss in the context of the whole batch: B
     * gradient calls. Needed where BatchNorm couples the examples, or where the engine's one-pass norms do not
     * cover one of the network's layer kinds.
     */
    PASS_PER_EXAMPLE;

    /** Gradient calls of one direction on a batch of {@code batchSize} examples. */
    public long gradientCalls(int batchSize) {
        Checks.atLeast("batchSize", batchSize, 1);
        return this == ONE_PASS ? 1 : batchSize;
    }
}
