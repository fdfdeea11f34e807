package io.salr.optimizers.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny networks and data sets shared by the tests; everything is seeded. */
public final class TinyNets {

    private TinyNets() {
    }

    /** A 4-3-2 tanh/softmax MLP with cross-entropy loss. */
    public static MultiLayerNetwork mlp(long seed, DataType type) {
        return mlp(seed, type, new Sgd(0.1));
    }

    /** A 4-3-2 tanh/softmax MLP with the given DL4J updater (used only by DL4J's own fit()). */
    public static MultiLayerNetwork mlp(long seed, DataType type, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A 4-3-BN-2 MLP: dense tanh, BatchNorm (running mean and log10 std in the parameters), softmax. */
    public static MultiLayerNetwork batchNormMlp(long seed, DataType type, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A 4-16-2 MLP with dropout (drop probability 0.5) after its tanh layer. */
    public static MultiLayerNetwork dropoutMlp(long seed, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The 4-3-2 MLP as a ComputationGraph. */
    public static ComputationGraph graph(long seed, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /**
     * A tiny residual graph with BatchNorm, shaped like a ResNet block: dense 4-4, BatchNorm, tanh, added
     * to the input, then softmax over 2 classes.
     */
    public static ComputationGraph batchNormResidualGraph(long seed, DataType type, IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(4).build(), "dense")
                .addLayer("act", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(Activation.TANH).build(), "bn")
                .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "act", "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "add")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** B examples with 4 features in [-1, 1) and one-hot labels over 2 classes, from a seeded generator. */
    public static Dl4jBatch data(long seed, int b, DataType type) {
        return new Dl4jBatch(dataSet(seed, b, type));
    }

    /** The same examples as a DL4J DataSet. */
    public static DataSet dataSet(long seed, int b, DataType type) {
        java.util.Random random = new java.util.Random(seed);
        INDArray x = Nd4j.zeros(type, b, 4);
        INDArray y = Nd4j.zeros(type, b, 2);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < 4; j++) {
                x.putScalar(i, j, 2 * random.nextDouble() - 1);
            }
            y.putScalar(i, random.nextInt(2), 1.0);
        }
        return new DataSet(x, y);
    }

    /** Example {@code j} of {@code batch} as a batch of one. */
    public static Dl4jBatch example(Dl4jBatch batch, int j) {
        DataSet d = batch.data();
        return new Dl4jBatch(new DataSet(d.getFeatures().getRow(j, true).dup(), d.getLabels().getRow(j, true).dup()));
    }

    /** The ND4J array of an engine vector. */
    public static INDArray array(io.salr.optimizers.engine.FlatVector v) {
        return Nd4jVector.unwrap(v);
    }

    /** The same array (lets a test wrap whatever a call returns). */
    public static INDArray array(INDArray a) {
        return a;
    }

    /** The same vector (lets a test wrap whatever a call returns). */
    public static io.salr.optimizers.engine.FlatVector vector(io.salr.optimizers.engine.FlatVector v) {
        return v;
    }

    /** An engine vector of an ND4J array. */
    public static Nd4jVector vector(INDArray a) {
        return Nd4jVector.wrap(a);
    }
}
