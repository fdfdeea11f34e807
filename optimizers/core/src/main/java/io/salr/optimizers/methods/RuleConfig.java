package io.salr.optimizers.methods;


/** The configuration of a first-order update rule: {@link SgdConfig} or {@link AdamConfig}. */
public sealed interface RuleConfig permits SgdConfig, AdamConfig {

    /** "SGD" or "Adam", the prefix of the method names in the paper's tables. */
    String name();


    /** A fresh rule state (zero momenta). */
    UpdateRule newRule();
}
