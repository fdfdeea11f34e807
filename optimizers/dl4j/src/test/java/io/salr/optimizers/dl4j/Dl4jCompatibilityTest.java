package io.salr.optimizers.dl4j;

import io.salr.datasets.real.CharSequenceData;
import io.salr.datasets.real.CharVocabulary;
import io.salr.datasets.real.ImageShape;
import io.salr.datasets.real.LabeledData;
import io.salr.optimizers.meter.GradientMeter;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minibatches are consumed as intended by DL4J networks: FLAT by a multilayer perceptron, NCHW by a
 * convolutional network, and the text batches (NCW) by an LSTM; each network's output has the labels' shape
 * and its loss is finite.
 */
class Dl4jCompatibilityTest {

    private static LabeledData images() {
        float[] x = new float[6 * 3 * 4 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 17) / 16f;
        }
        return new LabeledData("img", x, new int[]{0, 1, 2, 0, 1, 2}, new ImageShape(3, 4, 4), List.of("a", "b", "c"));
    }

    private static double scoreOf(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    @Test
    void flatBatchFeedsAnMlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(48).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jModel model = Dl4jModel.of(net, new GradientMeter());
        assertEquals(Dl4jModel.FeatureLayout.FLAT, model.featureLayout(), "a dense first layer takes flat input");
        DataSet batch = model.batch(images().batch(new int[]{0, 1, 2, 3})).data();
        assertArrayEquals(new long[]{4, 48}, batch.getFeatures().shape());
        assertArrayEquals(images().features(2), batch.getFeatures().getRow(2).toFloatVector(), 0f);
        assertArrayEquals(new float[]{0, 1, 0}, batch.getLabels().getRow(1).toFloatVector(), 0f);
        assertArrayEquals(new long[]{4, 3}, net.output(batch.getFeatures()).shape());
        assertTrue(Double.isFinite(scoreOf(net, batch)));
    }

    @Test
    void nchwBatchFeedsAConvolutionalNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dl4jModel model = Dl4jModel.of(net, new GradientMeter());
        assertEquals(Dl4jModel.FeatureLayout.NCHW, model.featureLayout());
        DataSet batch = model.batch(images().batch(new int[]{5, 4})).data();
        assertArrayEquals(new long[]{2, 3, 4, 4}, batch.getFeatures().shape());
        // example 4, channel 2, row 1, column 3 is feature 2*16 + 1*4 + 3 = 39
        assertEquals(images().feature(4, 39), batch.getFeatures().getFloat(1, 2, 1, 3), 0f);
        assertArrayEquals(new long[]{2, 3}, net.output(batch.getFeatures()).shape());
        assertTrue(Double.isFinite(scoreOf(net, batch)));
    }

    @Test
    void textBatchFeedsAnLstm() {
        CharVocabulary v = new CharVocabulary(new int[]{'a', 'b', 'c'}, false);
        CharSequenceData seqs = new CharSequenceData("t", v, new int[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1}, 5);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = Dl4jModel.of(net, new GradientMeter()).batch(seqs.batch(new int[]{1, 0})).data();
        // NCW one-hot: [example, symbol, time step]
        for (int t = 0; t < 5; t++) {
            assertEquals(1.0, batch.getFeatures().getDouble(0, seqs.inputs(1)[t], t), 0.0);
            assertEquals(1.0, batch.getLabels().getDouble(0, seqs.targets(1)[t], t), 0.0);
            assertEquals(1.0, batch.getLabels().getDouble(1, seqs.targets(0)[t], t), 0.0);
        }
        assertEquals(10.0, batch.getLabels().sumNumber().doubleValue(), 0.0, "one 1 per example and time step");
        assertArrayEquals(new long[]{2, 3, 5}, net.output(batch.getFeatures()).shape());
        assertArrayEquals(batch.getLabels().shape(), net.output(batch.getFeatures()).shape());
        double score = scoreOf(net, batch);
        assertTrue(Double.isFinite(score) && score > 0);
        assertEquals(2, seqs.size());
    }
}
