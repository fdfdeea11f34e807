/**
 * {@code salr bench}: the project's performance figures, measured side by side in one process - one
 * SGD step of LeNet and of the MLP as the trainer takes it (network adapter plus method), the same
 * steps in PyTorch as a peer, ND4J's sgemm rate and the roofline it implies, the step time of each of
 * the ten methods, SALR's overhead beyond its extra gradient calls, and resident memory over a long
 * run. Not part of the paper; it checks that the harness runs the paper's experiments at the speed
 * the hardware allows (the README's performance section).
 */
package io.salr.harness.bench;
