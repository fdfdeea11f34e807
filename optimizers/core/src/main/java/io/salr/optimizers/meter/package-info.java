/**
 * The gradient-call meter: the one source of truth for training budgets. Section VI of the SALR paper
 * compares methods at an equal number of gradient calls (SALR costs (n1 + n2) / c extra calls per
 * iteration, Entropy-SGD L, SAM 2); every pass the DL4J adapter makes through a network is counted
 * here, forward+backward passes and forward-only evaluations separately.
 */
package io.salr.optimizers.meter;
