package io.salr.optimizers.methods;


/**
 * Where a method's learning rate eta_k comes from: a fixed base schedule ({@link ScheduledRate}) or
 * SALR ({@link SalrRate}, Algorithm 1 with the stochastic sharpness of Algorithm 2).
 */
public sealed interface RateConfig permits ScheduledRate, SalrRate {

    /** True for SALR. */
    boolean isSalr();

}
