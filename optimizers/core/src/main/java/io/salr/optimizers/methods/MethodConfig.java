package io.salr.optimizers.methods;


/** The immutable, validated configuration of a training method; it creates the method's state. */
public sealed interface MethodConfig permits GradientMethodConfig, SamConfig, EntropySgdConfig, SwaConfig {

    /** The method's name as the paper's tables write it (SGD, Adam-SALR, Entropy-SGD, SAM, SWA, ...). */
    String name();


    /** A fresh method: zero momenta, empty history, random streams seeded from {@code seed}. */
    TrainingMethod create(long seed);
}
