/**
 * The model zoo of Section VI: MLP, a LeNet-5-style CNN, All-CNN-C (optionally with BatchNorm and a
 * width multiplier), ResNet-20/32 for CIFAR and a character LSTM, built as DL4J networks from an
 * immutable {@link io.salr.optimizers.engine.ModelSpec}, executed as {@link io.salr.optimizers.dl4j.zoo.Execution}
 * says (fast by default).
 */
package io.salr.optimizers.dl4j.zoo;
