package io.salr.optimizers.dl4j;

import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.function.Consumer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss function that multiplies example j's loss, and with it example j's gradient, by a weight
 * w_j: the network's summed loss becomes sum_j w_j l_j. Algorithm 2's direction (1/B) sum_j g_j/||g_j||
 * is the gradient of that sum with w_j = 1/(B ||g_j||). {@link Dl4jModel} forms that gradient from the
 * stored layer inputs and errors instead of a second pass ({@link ExampleGradientNorms#weightedGradients});
 * it uses this wrapper switched off, for its observer.
 *
 * <p><b>Why not a label mask.</b> DL4J's label masks are not linear example weights: for a per-example
 * output, {@code BaseOutputLayer} also multiplies the pre-activations by the mask
 * ({@code Dl4jModelTest.dl4jLabelMasksAreExampleWeightsOnlyForZeroAndOne} shows a mask of 0.5 does not
 * halve the score). Every DL4J output layer asks its configuration for the loss at each call
 * ({@code layerConf().getLossFn()} in {@code BaseOutputLayer.computeScore}, {@code computeScoreForExamples}
 * and {@code getGradientsAndDelta}, M2.1), so a wrapper put in place with
 * {@code BaseOutputLayer#setLossFn} is what the next pass uses.
 *
 * <p><b>Off means untouched.</b> With no weights set every call is passed to the wrapped loss unchanged,
 * so a pass with the wrapper switched off is bit for bit the pass without it; with all weights 1 the
 * score array and gradient are multiplied by 1 (exact in IEEE arithmetic) and the score is their sum.
 *
 * <p><b>Scope.</b> Rows of the label array must be examples: true for {@code OutputLayer} (labels
 * [B, classes]); not for sequence outputs, where DL4J reshapes [B, classes, T] labels into B*T rows.
 * The weights are checked against the number of rows at every call.
 *
 * <p>An optional observer is shown every per-example gradient the loss returns (dL/d pre-activation of
 * the output layer, one row per example, after weighting): the output layer's back-propagated error,
 * which {@link ExampleGradientNorms} needs and DL4J keeps to itself. Mutable and not thread-safe, like
 * the network it sits in; it is installed for a pass and removed after it, never serialized.
 */
public final class ExampleWeightedLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private final ILossFunction base;
    private INDArray weights;
    private transient Consumer<INDArray> observer;

    /** A wrapper of {@code base}, switched off (no weights, no observer). */
    public ExampleWeightedLoss(ILossFunction base) {
        this.base = Checks.present("base", base);
    }

    /** The wrapped loss. */
    public ILossFunction base() {
        return base;
    }

    /**
     * Sets one weight per example (a vector of length B, any floating-point type; copied to a [B, 1]
     * column), or switches weighting off with {@code null}.
     */
    public void setWeights(INDArray perExample) {
        if (perExample == null) {
            weights = null;
            return;
        }
        if (!perExample.isVectorOrScalar()) {
            throw new InvalidParameterException("weights.shape", java.util.Arrays.toString(perExample.shape()),
                    "must be a vector with one weight per example");
        }
        weights = perExample.reshape(perExample.length(), 1).dup();
    }

    /** The current weights as a [B, 1] column, or null when weighting is off. */
    public INDArray weights() {
        return weights == null ? null : weights.dup();
    }

    /** Shows every gradient this loss returns to {@code newObserver}; null removes the observer. */
    public void setObserver(Consumer<INDArray> newObserver) {
        observer = newObserver;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        if (weights == null) {
            return base.computeScore(labels, preOutput, activationFn, mask, average);
        }
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = base.computeScoreArray(labels, preOutput, activationFn, mask);
        if (weights == null) {
            return scores;
        }
        INDArray column = column(scores.size(0), scores.dataType());
        return scores.rank() == 1 ? scores.muli(column.reshape(column.length())) : scores.muliColumnVector(column);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = base.computeGradient(labels, preOutput, activationFn, mask);
        if (weights != null) {
            gradient.muliColumnVector(column(gradient.size(0), gradient.dataType()));
        }
        if (observer != null) {
            observer.accept(gradient);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        if (weights == null && observer == null) {
            return base.computeGradientAndScore(labels, preOutput, activationFn, mask, average);
        }
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "ExampleWeighted(" + base.name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    private INDArray column(long rows, org.nd4j.linalg.api.buffer.DataType type) {
        if (weights.size(0) != rows) {
            throw new InvalidParameterException("weights.length", weights.size(0),
                    "must equal the " + rows + " rows of the output (one weight per example)");
        }
        return weights.dataType() == type ? weights : weights.castTo(type);
    }
}
