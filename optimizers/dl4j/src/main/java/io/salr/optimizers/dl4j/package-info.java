/**
 * The DL4J engine: the only package that touches DL4J network internals (DESIGN.md, STYLE rule 4). A
 * {@link io.salr.optimizers.dl4j.Dl4jModel} turns a {@code MultiLayerNetwork} or {@code ComputationGraph}
 * into the objective f of Section V of the SALR paper, eq. (3), behind the engine boundary
 * ({@link io.salr.optimizers.engine.TrainableModel}): flat parameter vectors in, mean loss and mean
 * gradient out, with every pass counted by the {@link io.salr.optimizers.meter.GradientMeter}.
 *
 * <p>Facts about DL4J 1.0.0-M2.1 this package relies on, each checked by a test:
 * {@code computeGradientAndScore()} returns the gradient summed over the minibatch and the mean score;
 * {@code params()} and the flattened gradient are rank-1 in this version (the model flattens anyway);
 * BatchNorm keeps its running mean and variance ({@code mean}, {@code var} or {@code log10stdev})
 * inside the parameter vector, and the flattened gradient holds, at those positions, the amount DL4J's
 * own {@code fit()} subtracts from them (undivided by the batch size and unscaled by the learning rate);
 * output layers ask their configuration for the loss function at every call, so an
 * {@link io.salr.optimizers.dl4j.ExampleWeightedLoss} put there weights the next pass's examples, while
 * label masks are not linear example weights; dense and convolution layers obtain their error delta from
 * their activation function's {@code backprop} before using it, which is where
 * {@link io.salr.optimizers.dl4j.ExampleGradientNorms} reads it (Algorithm 2's per-example norms);
 * {@code LossMCXENT} clips the softmax output at 1e-10 for its score but not for its gradient, which
 * {@link io.salr.optimizers.dl4j.zoo.SoftmaxCrossEntropy} undoes for the zoo's output layers.
 */
package io.salr.optimizers.dl4j;
