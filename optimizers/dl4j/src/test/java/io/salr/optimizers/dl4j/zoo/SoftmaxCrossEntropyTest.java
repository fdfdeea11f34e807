package io.salr.optimizers.dl4j.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * {@link SoftmaxCrossEntropy} scores -log p_y where DL4J's {@link LossMCXENT} caps it at -log(1e-10), and is
 * DL4J's loss bit for bit everywhere else; the zoo's networks use it, also in their float64 copies.
 */
class SoftmaxCrossEntropyTest {

    /** Logits [3, 4]: row 0 ordinary, row 1 with the true class 40 below the best, row 2 ordinary. */
    private static INDArray logits(DataType type) {
        return Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0, 0.1}, {40.0, 0.5, 0.0, -1.0}, {1.0, 1.5, -0.5, 0.2}})
                .castTo(type);
    }

    private static INDArray labels(DataType type) {
        return Nd4j.createFromArray(new double[][] {{0, 0, 1, 0}, {0, 0, 1, 0}, {0, 1, 0, 0}}).castTo(type);
    }

    /** -log softmax(z)_y for one row, in float64 (log-sum-exp after subtracting the maximum). */
    private static double crossEntropy(double[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - z[y];
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void scoresTheCrossEntropyWhereDl4jCapsIt(DataType type) {
        INDArray z = logits(type);
        INDArray y = labels(type);
        INDArray exact = new SoftmaxCrossEntropy().computeScoreArray(y, z.dup(), new ActivationSoftmax(), null);
        INDArray dl4j = new LossMCXENT().computeScoreArray(y, z.dup(), new ActivationSoftmax(), null);
        double[][] rows = z.castTo(DataType.DOUBLE).toDoubleMatrix();
        // the saturated example: DL4J reads -log(1e-10) = 23.03, the cross-entropy is 40 + log(1 + ...)
        assertEquals(-Math.log(1e-10), dl4j.getDouble(1), 1e-4);
        double expected = crossEntropy(rows[1], 2);
        assertEquals(expected, exact.getDouble(1), expected * (type == DataType.FLOAT ? 1e-6 : 1e-14));
        assertTrue(exact.getDouble(1) > 39, "score " + exact.getDouble(1));
        // the other examples: DL4J's own bits
        assertEquals(dl4j.getDouble(0), exact.getDouble(0), 0.0);
        assertEquals(dl4j.getDouble(2), exact.getDouble(2), 0.0);
        // the mean score the network reports
        double mean = new SoftmaxCrossEntropy().computeScore(y, z.dup(), new ActivationSoftmax(), null, true);
        assertEquals((dl4j.getDouble(0) + exact.getDouble(1) + dl4j.getDouble(2)) / 3, mean, 1e-5);
    }

    @Test
    void leavesUncappedScoresAndEveryGradientBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] zs = new double[16][10];
        double[][] ys = new double[16][10];
        for (int i = 0; i < 16; i++) {
            for (int k = 0; k < 10; k++) {
                zs[i][k] = r.nextDouble(-5, 5);
            }
            ys[i][r.nextInt(10)] = 1;
        }
        zs[3][0] = 60; // one capped example: its gradient is p - y as DL4J's, only its score changes
        ys[3][1] = 0;
        ys[3][5] = 1;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = Nd4j.createFromArray(zs).castTo(type);
            INDArray y = Nd4j.createFromArray(ys).castTo(type);
            INDArray ours = new SoftmaxCrossEntropy().computeScoreArray(y, z.dup(), new ActivationSoftmax(), null);
            INDArray theirs = new LossMCXENT().computeScoreArray(y, z.dup(), new ActivationSoftmax(), null);
            for (int i = 0; i < 16; i++) {
                if (i != 3) {
                    assertEquals(theirs.getDouble(i), ours.getDouble(i), 0.0, type + " example " + i);
                }
            }
            assertTrue(ours.getDouble(3) > 60, type + ": " + ours.getDouble(3));
            INDArray g = new LossMCXENT().computeGradient(y, z.dup(), new ActivationSoftmax(), null);
            INDArray h = new SoftmaxCrossEntropy().computeGradient(y, z.dup(), new ActivationSoftmax(), null);
            assertArrayEquals(g.reshape(g.length()).toDoubleVector(), h.reshape(h.length()).toDoubleVector(), 0.0,
                    type + " gradient");
        }
    }

    /** The zoo's MLP (4x4 images) with weights scaled up until some examples saturate. */
    @Test
    void theZooUsesItAndItsFloat64CopyKeepsIt() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 4, 4}, 3, 0.0, false, 1.0, 5, 42);
        MultiLayerNetwork net = (MultiLayerNetwork) ModelZoo.build(spec);
        assertInstanceOf(SoftmaxCrossEntropy.class, ((BaseOutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn());
        Dl4jModel model = Dl4jModel.of(net, new GradientMeter());
        TrainableModel copy = model.measurementCopy(new GradientMeter());
        MultiLayerNetwork copied = (MultiLayerNetwork) ((Dl4jModel) copy).network();
        assertInstanceOf(SoftmaxCrossEntropy.class,
                ((BaseOutputLayer) copied.getOutputLayer().conf().getLayer()).getLossFn());

        // weights 10 times their initial size (logits 100 times): several examples saturate
        copy.setParams(copy.params().muli(10));
        SplittableRandom r = new SplittableRandom(8);
        float[] x = new float[8 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        int[] targets = {0, 1, 2, 0, 1, 2, 0, 1};
        HostBatch host = new HostBatch(HostBatch.Kind.IMAGES, x, new int[0], targets, new int[] {1, 4, 4}, 3);
        Dl4jBatch batch = (Dl4jBatch) copy.batch(host);
        double loss = copy.loss(batch);
        // the same network's logits by hand, and the mean cross-entropy with and without DL4J's cap
        INDArray hidden = copied.feedForward(batch.data().getFeatures().castTo(DataType.DOUBLE), false)
                .get(copied.getnLayers() - 1);
        INDArray logits = hidden.mmul(copied.getOutputLayer().getParam("W"))
                .addiRowVector(copied.getOutputLayer().getParam("b"));
        double expected = 0;
        double capped = 0;
        for (int j = 0; j < 8; j++) {
            double l = crossEntropy(logits.getRow(j).toDoubleVector(), targets[j]);
            expected += l;
            capped += Math.min(l, -Math.log(1e-10));
        }
        expected /= 8;
        capped /= 8;
        assertTrue(expected > capped + 1, "the batch must have saturated examples: " + expected + " vs " + capped);
        assertEquals(expected, loss, 1e-9 * expected);
    }
}
