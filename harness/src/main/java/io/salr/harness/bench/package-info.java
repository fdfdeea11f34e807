/**
 * {@code salr bench}: the project's performance figures, measured side by side in one process - one
 * SGD step of LeNet and of the MLP as the trainer takes it (engine boundary plus method) on both engines
 * (DL4J, and LibTorch on the CPU or a CUDA device), the same steps in PyTorch as a peer, each engine's
 * sgemm rate and the roofline it implies, the step time of each of the ten methods on both engines, SALR's
 * overhead beyond its extra gradient calls, the ratios against the targets, resident memory
 * over a long run, what the harness costs around the steps of a real run ({@code harness_overhead}) and the
 * sweep throughput of MLP worker JVMs on both engines. Not part of the paper; it checks that the harness runs the paper's experiments at the speed
 * the hardware allows (docs/performance.md).
 */
package io.salr.harness.bench;
