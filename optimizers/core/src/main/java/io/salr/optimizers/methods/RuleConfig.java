package io.salr.optimizers.methods;

import java.util.Map;

/** The configuration of a first-order update rule: {@link SgdConfig} or {@link AdamConfig}. */
public sealed interface RuleConfig permits SgdConfig, AdamConfig {

    /** "SGD" or "Adam", the prefix of the method names in the paper's tables. */
    String name();

    /** Every option by name. */
    Map<String, Object> describe();

    /** A fresh rule state (zero momenta). */
    UpdateRule newRule();
}
