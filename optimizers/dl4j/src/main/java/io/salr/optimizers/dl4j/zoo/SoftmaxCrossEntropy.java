package io.salr.optimizers.dl4j.zoo;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's multi-class cross-entropy with softmax ({@link LossMCXENT}) whose score is the cross-entropy
 * -log p_y also where DL4J would cap it: the loss of the zoo's output layers.
 *
 * <p><b>What DL4J does.</b> {@code LossMCXENT} (M2.1) clips the softmax output into
 * [eps, 1 - eps], eps = 1e-10, before taking its logarithm for the score, but computes the gradient from
 * the unclipped output (p - y). So an example whose true class has probability below 1e-10 scores
 * -log(1e-10) = 23.03 however wrong it is, while its gradient keeps growing: the reported loss is not the
 * function whose gradient is followed. A freshly initialized LeNet after one SGD step at eta = 0.05 has
 * such examples; its batch loss then reads 5.42 on DL4J where the cross-entropy (and the LibTorch engine)
 * gives 5.49. Every loss the methods see moves with it: the recorded training loss, the two end points of
 * Algorithm 2's S-hat, Definition 1's sharpness at the end of a run.
 *
 * <p><b>What this class changes.</b> Only the score entries of the true class whose probability fell
 * below eps: those get log p_y from a stable log-softmax of the pre-activations (z_y - max z -
 * log sum exp(z - max z)), in the network's floating-point type. Every other entry, and so every score of
 * a batch where nothing was clipped, is DL4J's own value bit for bit (a recorded run none of whose
 * examples fell below 1e-10 reproduces as before), and the gradient is DL4J's unchanged. The upper clip at 1 - eps is left as it is: it cannot
 * act in float32 (1 - 1e-10 rounds to 1), and in float64 it changes an example's loss by less than 1e-10.
 *
 * <p>It keeps {@code LossMCXENT}'s JSON form (Jackson writes the class name and the clip), so a network
 * copied through its configuration ({@code convertDataType}, the float64 measurement copy) keeps it.
 */
public class SoftmaxCrossEntropy extends LossMCXENT {

    private static final long serialVersionUID = 1L;

    /** The loss with DL4J's default clip, per-class weights off. */
    public SoftmaxCrossEntropy() {
        super();
    }

    @Override
    protected INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = super.scoreArray(labels, preOutput, activationFn, mask);
        double eps = getSoftmaxClipEps();
        if (!(activationFn instanceof ActivationSoftmax) || eps <= 0 || getWeights() != null) {
            return scores;
        }
        INDArray z = preOutput.castTo(scores.dataType());
        INDArray y = labels.castTo(scores.dataType());
        INDArray logp = logSoftmax(z);
        // the entries DL4J clipped from below and that count: true-class entries with p < eps
        INDArray capped = logp.lt(Math.log(eps)).castTo(scores.dataType()).muli(y.neq(0).castTo(scores.dataType()));
        if (capped.sumNumber().doubleValue() == 0) {
            return scores;
        }
        INDArray exact = logp.mul(y);
        if (mask != null) {
            LossUtil.applyMask(exact, mask);
        }
        INDArray perRow = capped.sum(1);
        long cols = scores.size(1);
        for (long i = 0; i < perRow.length(); i++) {
            if (perRow.getDouble(i) == 0) {
                continue;
            }
            for (long k = 0; k < cols; k++) {
                if (capped.getDouble(i, k) != 0) {
                    scores.putScalar(new long[] {i, k}, exact.getDouble(i, k));
                }
            }
        }
        return scores;
    }

    /** log softmax of each row of {@code z} [rows, classes], shifted by the row maximum. */
    private static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(1).reshape(z.size(0), 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(z.size(0), 1);
        return shifted.subiColumnVector(logSum);
    }

    @Override
    public String name() {
        return "SoftmaxCrossEntropy";
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
