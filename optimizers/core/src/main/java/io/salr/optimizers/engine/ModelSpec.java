package io.salr.optimizers.engine;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;

/**
 * What network to build: a network of the {@link Catalogue}, the input it sees and the options the paper
 * varies (dropout and BatchNorm after each layer, Section VI; a width multiplier for All-CNN-C). Immutable and
 * validated on construction.
 *
 * @param network the network; {@link #architecture()} is its name
 * @param inputShape channels, height, width for images; vocabulary size and sequence length for
 *     {@code char-lstm} ({@link Network#checkInputShape})
 * @param numClasses output classes (for {@code char-lstm}: the vocabulary size)
 * @param dropout drop probability after hidden layers, in [0, 1); 0 = no dropout
 * @param batchNorm BatchNorm after every hidden layer
 * @param widthMultiplier scales the channel counts of {@code allcnn-c}, the hidden width of
 *     {@code mlp} and {@code char-lstm}, and the stage widths of the ResNets; 1 = the published size
 * @param hidden hidden units of {@code mlp} (per hidden layer) and of {@code char-lstm}
 * @param seed seed of the weight initialization stream
 */
public record ModelSpec(Network network, int[] inputShape, int numClasses, double dropout,
        boolean batchNorm, double widthMultiplier, int hidden, long seed) {

    public ModelSpec {
        Checks.present("architecture", network);
        network.checkInputShape(inputShape);
        inputShape = inputShape.clone();
        Checks.atLeast("numClasses", numClasses, 2);
        Checks.inHalfOpenRange("dropout", dropout, 0.0, 1.0);
        Checks.positive("widthMultiplier", widthMultiplier);
        Checks.atLeast("hidden", hidden, 1);
    }

    /**
     * A spec for the network named {@code architecture} in the {@link Catalogue}.
     *
     * @throws InvalidParameterException naming {@code model} when the catalogue has no such network
     */
    public ModelSpec(String architecture, int[] inputShape, int numClasses, double dropout,
            boolean batchNorm, double widthMultiplier, int hidden, long seed) {
        this(Catalogue.network("model", Checks.present("architecture", architecture)), inputShape, numClasses,
                dropout, batchNorm, widthMultiplier, hidden, seed);
    }

    /** A spec with the defaults: no dropout, no BatchNorm, width 1, 256 hidden units. */
    public static ModelSpec of(String architecture, int[] inputShape, int numClasses, long seed) {
        return new ModelSpec(architecture, inputShape, numClasses, 0.0, false, 1.0, 256, seed);
    }

    /** The network's name in specs (what a run spec records as {@code architecture}). */
    public String architecture() {
        return network.label();
    }

    /** Numbers in the network's flat parameter vector ({@link Network#parameters}). */
    public long parameterCount() {
        return network.parameters(this);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** A copy with another seed. */
    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(network, inputShape, numClasses, dropout, batchNorm, widthMultiplier, hidden, newSeed);
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && network == s.network && Arrays.equals(inputShape, s.inputShape)
                && numClasses == s.numClasses && Double.compare(dropout, s.dropout) == 0 && batchNorm == s.batchNorm
                && Double.compare(widthMultiplier, s.widthMultiplier) == 0 && hidden == s.hidden && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(network, Arrays.hashCode(inputShape), numClasses, dropout, batchNorm, widthMultiplier,
                hidden, seed);
    }

    @Override
    public String toString() {
        return "ModelSpec[architecture=" + network.label() + ", inputShape=" + Arrays.toString(inputShape) + ", numClasses="
                + numClasses + ", dropout=" + dropout + ", batchNorm=" + batchNorm + ", widthMultiplier=" + widthMultiplier
                + ", hidden=" + hidden + ", seed=" + seed + "]";
    }
}
