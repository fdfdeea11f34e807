/**
 * Objectives that the optimizers act on: a function of a parameter vector with its gradient
 * (Section II of the SALR paper states every algorithm against such an f).
 */
package io.salr.optimizers.function;
