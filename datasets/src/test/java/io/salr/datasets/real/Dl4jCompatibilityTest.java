package io.salr.datasets.real;

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
        DataSet batch = images().batch(new int[]{0, 1, 2, 3}, FeatureLayout.FLAT);
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
        DataSet batch = images().batch(new int[]{5, 4});
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
        DataSet batch = seqs.batch(new int[]{1, 0});
        assertArrayEquals(new long[]{2, 3, 5}, net.output(batch.getFeatures()).shape());
        assertArrayEquals(batch.getLabels().shape(), net.output(batch.getFeatures()).shape());
        double score = scoreOf(net, batch);
        assertTrue(Double.isFinite(score) && score > 0);
        assertEquals(2, seqs.size());
    }
}
