package io.salr.optimizers.dl4j;

import io.salr.optimizers.engine.LossGradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.salr.optimizers.meter.GradientMeter;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** For sequence outputs the adapter's loss is the mean over examples and time steps, and its gradient matches. */
class SequenceLossTest {

    private static MultiLayerNetwork tinyLstm() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(11);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 3, 5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 3, 5);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 5; t++) {
                labels.putScalar(new int[] {b, (b + t) % 3, t}, 1.0);
            }
        }
        return new DataSet(features, labels);
    }

    @Test
    void lossIsThePerPositionMeanCrossEntropyAndTheGradientIsItsGradient() {
        MultiLayerNetwork net = tinyLstm();
        Dl4jModel adapter = Dl4jModel.of(net, new GradientMeter());
        Dl4jBatch batch = new Dl4jBatch(batch());
        INDArray out = net.output(batch.data().getFeatures(), false);
        double manual = -batch.data().getLabels().mul(org.nd4j.linalg.ops.transforms.Transforms.log(out)).sumNumber().doubleValue() / 10.0;
        assertEquals(manual, adapter.loss(batch), 1e-10, "mean over 2 examples x 5 time steps");

        LossGradient lg = adapter.lossAndGradient(batch);
        assertEquals(manual, lg.loss(), 1e-10);
        INDArray theta = TinyNets.array(adapter.params());
        double h = 1e-6;
        for (int i = 0; i < theta.length(); i += 7) {
            INDArray plus = theta.dup();
            plus.putScalar(i, theta.getDouble(i) + h);
            INDArray minus = theta.dup();
            minus.putScalar(i, theta.getDouble(i) - h);
            adapter.setParams(TinyNets.vector(plus));
            double fp = adapter.loss(batch);
            adapter.setParams(TinyNets.vector(minus));
            double fm = adapter.loss(batch);
            assertEquals((fp - fm) / (2 * h), TinyNets.array(lg.gradient()).getDouble(i), 1e-6, "d loss / d theta[" + i + "]");
        }
    }
}
