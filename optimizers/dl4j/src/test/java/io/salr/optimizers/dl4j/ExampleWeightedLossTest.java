package io.salr.optimizers.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link ExampleWeightedLoss} in a DL4J output layer: a pass with weights w gives the score
 * (1/B) sum_j w_j l_j and the summed gradient sum_j w_j g_j, checked against B single-example passes;
 * switched off, or with all weights 1, it leaves a pass bit for bit as it was.
 */
class ExampleWeightedLossTest {

    private static final DataType D = DataType.DOUBLE;

    /** A 4-3-2 net with the given output loss and activation. */
    private static MultiLayerNetwork net(LossFunctions.LossFunction loss, Activation out, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).dataType(D)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(3).nOut(2).activation(out).build())
                .build());
        net.init();
        return net;
    }

    /** DL4J's (mean) score and flattened (summed) gradient of one pass on {@code data}. */
    private static Object[] pass(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        Object[] result = {net.score(), net.gradient().gradient().dup().toDoubleVector()};
        net.clear();
        return result;
    }

    private static ExampleWeightedLoss install(MultiLayerNetwork net) {
        BaseOutputLayer conf = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        ExampleWeightedLoss wrapper = new ExampleWeightedLoss(conf.getLossFn());
        conf.setLossFn(wrapper);
        return wrapper;
    }

    @Test
    void weightedPassIsTheWeightedSumOfSingleExamplePasses() {
        for (LossFunctions.LossFunction loss : new LossFunctions.LossFunction[] {
                LossFunctions.LossFunction.MCXENT, LossFunctions.LossFunction.MSE}) {
            Activation out = loss == LossFunctions.LossFunction.MCXENT ? Activation.SOFTMAX : Activation.IDENTITY;
            MultiLayerNetwork net = net(loss, out, 31);
            int b = 5;
            DataSet data = TinyNets.dataSet(32, b, D);
            double[] w = {0.5, 2.0, 0.0, 1.25, 3.0};
            double expectedScore = 0;
            double[] expectedGradient = new double[(int) net.numParams()];
            for (int j = 0; j < b; j++) {
                DataSet single = new DataSet(data.getFeatures().getRow(j, true).dup(), data.getLabels().getRow(j, true).dup());
                Object[] r = pass(net, single);
                expectedScore += w[j] * (double) r[0] / b;
                double[] g = (double[]) r[1];
                for (int i = 0; i < g.length; i++) {
                    expectedGradient[i] += w[j] * g[i];
                }
            }
            ExampleWeightedLoss wrapper = install(net);
            wrapper.setWeights(Nd4j.createFromArray(w));
            Object[] weighted = pass(net, data);
            assertEquals(expectedScore, (double) weighted[0], 1e-12, loss + " score");
            assertArrayEquals(expectedGradient, (double[]) weighted[1], 1e-12, loss + " gradient");
        }
    }

    @Test
    void switchedOffOrAllOnesThePassIsBitForBitTheUnwrappedPass() {
        MultiLayerNetwork net = net(LossFunctions.LossFunction.MCXENT, Activation.SOFTMAX, 33);
        DataSet data = TinyNets.dataSet(34, 7, D);
        Object[] plain = pass(net, data);
        ExampleWeightedLoss wrapper = install(net);
        Object[] off = pass(net, data);
        wrapper.setWeights(Nd4j.ones(D, 7));
        Object[] ones = pass(net, data);
        wrapper.setWeights(null);
        Object[] offAgain = pass(net, data);
        for (Object[] r : new Object[][] {off, ones, offAgain}) {
            assertEquals(Double.doubleToRawLongBits((double) plain[0]), Double.doubleToRawLongBits((double) r[0]));
            assertArrayEquals((double[]) plain[1], (double[]) r[1], 0.0);
        }
        // and a weighting that is not all ones does change the pass
        wrapper.setWeights(Nd4j.createFromArray(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0));
        assertTrue((double) pass(net, data)[0] > (double) plain[0]);
    }

    @Test
    void scoreArrayIsWeightedPerExampleAndWeightsMustMatchTheRows() {
        ILossFunction mse = LossFunctions.LossFunction.MSE.getILossFunction();
        ExampleWeightedLoss wrapper = new ExampleWeightedLoss(mse);
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        INDArray pre = Nd4j.createFromArray(new double[][] {{0.5, 0}, {0, 0}, {2, 1}});
        INDArray base = mse.computeScoreArray(labels, pre, Activation.IDENTITY.getActivationFunction(), null);
        wrapper.setWeights(Nd4j.createFromArray(2.0, 0.0, -1.0));
        INDArray weighted = wrapper.computeScoreArray(labels, pre, Activation.IDENTITY.getActivationFunction(), null);
        assertArrayEquals(new double[] {2 * base.getDouble(0), 0, -base.getDouble(2)},
                weighted.reshape(3).toDoubleVector(), 0.0);
        assertEquals((2 * base.getDouble(0) - base.getDouble(2)) / 3,
                wrapper.computeScore(labels, pre, Activation.IDENTITY.getActivationFunction(), null, true), 1e-15);
        wrapper.setWeights(Nd4j.ones(D, 4));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> wrapper.computeGradient(labels, pre, Activation.IDENTITY.getActivationFunction(), null));
        assertEquals("weights.length", e.parameter());
    }
}
