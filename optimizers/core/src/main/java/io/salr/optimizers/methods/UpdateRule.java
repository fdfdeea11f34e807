package io.salr.optimizers.methods;

import io.salr.optimizers.engine.FlatVector;
import java.util.Map;

/**
 * The stateful part of a first-order rule (momentum, Adam moments), created by a {@link RuleConfig}.
 * Vectors hold zeros at positions outside the trainable mask.
 */
interface UpdateRule {

    /**
     * The step Delta for {@code theta_{k+1} = theta_k - Delta}, zero outside {@code mask}, advancing
     * the rule's state.
     *
     * @param params theta_k (not modified)
     * @param gradient the mean gradient at theta_k, zero outside the mask (not modified)
     * @param mask 1 at trainable positions, 0 elsewhere
     * @param learningRate eta_k
     */
    FlatVector step(FlatVector params, FlatVector gradient, FlatVector mask, double learningRate);

    /** The rule's vectors by name, for {@link MethodState}. */
    Map<String, double[]> vectors();

    /** The rule's numbers by name, for {@link MethodState}. */
    Map<String, Double> numbers();

    /** Puts back vectors and numbers saved from a rule with the same configuration, as vectors like {@code like}. */
    void restore(MethodState state, FlatVector like);
}
