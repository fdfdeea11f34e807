package io.salr.optimizers.dl4j;

import static io.salr.optimizers.dl4j.TinyNets.array;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Algorithm 2's per-example normalized direction on the DL4J engine: the one-pass route (norms and the
 * weighted direction read off one ordinary pass's layer inputs and errors) against the B one-hot passes it replaces, on the zoo's networks in
 * float64; which route each network takes and why; what the meter counts.
 */
class PerExampleNormalizedGradientTest {

    private static final DataType D = DataType.DOUBLE;
    /** The exactness target of issue 10: per-example norms to 1e-5 relative. */
    private static final double NORM_TOLERANCE = 1e-5;

    /** B random images (uniform in [0, 1)) with random one-hot labels, as the model lays them out. */
    static Dl4jBatch images(long seed, int b, int[] shape, int classes, Dl4jModel.FeatureLayout layout, DataType type) {
        java.util.Random random = new java.util.Random(seed);
        int size = shape[0] * shape[1] * shape[2];
        double[] x = new double[b * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        INDArray labels = Nd4j.zeros(type, b, classes);
        for (int j = 0; j < b; j++) {
            labels.putScalar(j, random.nextInt(classes), 1.0);
        }
        long[] xShape = layout == Dl4jModel.FeatureLayout.NCHW
                ? new long[] {b, shape[0], shape[1], shape[2]} : new long[] {b, size};
        return new Dl4jBatch(new DataSet(Nd4j.createFromArray(x).castTo(type).reshape('c', xShape), labels));
    }

    private static Dl4jModel zoo(ModelSpec spec, GradientMeter meter) {
        return Dl4jModel.of(ModelZoo.build(spec, D), meter);
    }

    /** The two routes agree: norms to 1e-5 relative, direction, loss and mean gradient to float64 rounding. */
    private static void assertRoutesAgree(Dl4jModel model, Dl4jBatch batch) {
        NormalizedGradient onePass = model.onePassNormalizedGradient(batch.data());
        NormalizedGradient oneHot = model.oneHotNormalizedGradient(batch.data());
        double[] expected = oneHot.norms();
        double[] actual = onePass.norms();
        assertEquals(expected.length, actual.length);
        for (int j = 0; j < expected.length; j++) {
            assertTrue(expected[j] > 0, "example " + j + " has a gradient");
            assertEquals(expected[j], actual[j], NORM_TOLERANCE * expected[j], "norm of example " + j);
        }
        assertEquals(oneHot.loss(), onePass.loss(), 1e-12 * Math.abs(oneHot.loss()));
        assertClose(array(oneHot.direction()), array(onePass.direction()), 1e-9, "direction");
        assertClose(array(oneHot.gradient()), array(onePass.gradient()), 1e-9, "mean gradient");
        assertTrue(array(onePass.direction()).norm2Number().doubleValue() <= 1 + 1e-12, "a mean of unit vectors");
    }

    /** ||a - b|| <= tolerance * ||a||. */
    private static void assertClose(INDArray a, INDArray b, double tolerance, String what) {
        double scale = a.norm2Number().doubleValue();
        double difference = a.sub(b).norm2Number().doubleValue();
        assertTrue(difference <= tolerance * scale, what + ": |difference| " + difference + " vs |value| " + scale);
    }

    @Test
    void zooMlpNormsAndDirectionEqualTheOneHotPasses() {
        Dl4jModel mlp = zoo(ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 41), new GradientMeter());
        assertNull(mlp.exactNormsUnavailable(images(42, 12, new int[] {1, 28, 28}, 10, mlp.featureLayout(), D)));
        assertRoutesAgree(mlp, images(42, 12, new int[] {1, 28, 28}, 10, mlp.featureLayout(), D));
    }

    /**
     * A float64 network fed float32 features, as the float64 measurement copy is (the engine's batches are
     * float32): the first dense layer's input norms must be taken in float64 too, else the direction is only
     * float32-exact (1.3e-7 relative on this MLP before the fix).
     */
    @Test
    void aFloat64MlpOnFloat32FeaturesAgreesToFloat64Rounding() {
        Dl4jModel mlp = zoo(ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 45), new GradientMeter());
        Dl4jBatch batch = images(46, 12, new int[] {1, 28, 28}, 10, mlp.featureLayout(), DataType.FLOAT);
        assertEquals(DataType.FLOAT, batch.data().getFeatures().dataType());
        assertRoutesAgree(mlp, batch);
    }

    @Test
    void zooLenetNormsAndDirectionEqualTheOneHotPasses() {
        Dl4jModel lenet = zoo(ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 43), new GradientMeter());
        Dl4jBatch batch = images(44, 6, new int[] {1, 28, 28}, 10, lenet.featureLayout(), D);
        assertNull(lenet.exactNormsUnavailable(batch));
        assertRoutesAgree(lenet, batch);
    }

    /** Same-mode padding, stride 2, dilation, explicit padding and no bias: DL4J's im2col arguments, each one. */
    @Test
    void convolutionGeometriesAgreeWithTheOneHotPasses() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(45).dataType(D)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(2, 3).stride(1, 2).dilation(2, 1).padding(1, 0).nOut(5)
                        .convolutionMode(ConvolutionMode.Truncate).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().nOut(6).hasBias(false).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(11, 13, 2))
                .build());
        net.init();
        Dl4jModel model = Dl4jModel.of(net, new GradientMeter());
        Dl4jBatch batch = images(46, 5, new int[] {2, 11, 13}, 3, model.featureLayout(), D);
        assertNull(model.exactNormsUnavailable(batch));
        assertRoutesAgree(model, batch);
    }

    @Test
    void globalPoolingAndAComputationGraphTakeTheOnePassRouteAndAgree() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(47).dataType(D)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        Dl4jModel pooled = Dl4jModel.of(net, new GradientMeter());
        Dl4jBatch images = images(48, 4, new int[] {1, 6, 6}, 3, pooled.featureLayout(), D);
        assertNull(pooled.exactNormsUnavailable(images));
        assertRoutesAgree(pooled, images);

        Dl4jModel graph = Dl4jModel.of(TinyNets.graph(49, D), new GradientMeter());
        Dl4jBatch batch = TinyNets.data(50, 6, D);
        assertNull(graph.exactNormsUnavailable(batch));
        assertRoutesAgree(graph, batch);
    }

    /** Dropout: the one-pass route and every one-hot pass see the masks of the first pass. */
    @Test
    void withDropoutTheRoutesAgreeOnTheSameMasks() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 8, 8}, 4, 0.5, false, 1.0, 32, 51);
        Dl4jModel mlp = zoo(spec, new GradientMeter());
        Dl4jBatch batch = images(52, 8, new int[] {1, 8, 8}, 4, mlp.featureLayout(), D);
        mlp.seedStochasticLayers(53);
        NormalizedGradient onePass = mlp.onePassNormalizedGradient(batch.data());
        mlp.seedStochasticLayers(53);
        NormalizedGradient oneHot = mlp.oneHotNormalizedGradient(batch.data());
        mlp.seedStochasticLayers(53);
        LossGradient plain = mlp.lossAndGradient(batch);
        assertArrayEquals(oneHot.norms(), onePass.norms(), 1e-9);
        assertClose(array(oneHot.direction()), array(onePass.direction()), 1e-9, "direction");
        assertEquals(plain.loss(), onePass.loss(), 0.0, "the norm pass is the ordinary pass with the same masks");
        mlp.seedStochasticLayers(54);
        assertTrue(Math.abs(mlp.lossAndGradient(batch).loss() - plain.loss()) > 1e-9, "other masks, other loss");
    }

    /** The norm pass is an ordinary pass: its loss and mean gradient are lossAndGradient's, bit for bit. */
    @Test
    void theNormPassGivesTheOrdinaryLossAndGradientBitForBit() {
        Dl4jModel lenet = Dl4jModel.of(ModelZoo.build(ModelSpec.of("lenet", new int[] {1, 16, 16}, 5, 55)),
                new GradientMeter());
        Dl4jBatch batch = images(56, 9, new int[] {1, 16, 16}, 5, lenet.featureLayout(), DataType.FLOAT);
        LossGradient plain = lenet.lossAndGradient(batch);
        List<Object> configured = configuredFunctions(lenet);
        NormalizedGradient normalized = lenet.perExampleNormalizedGradient(batch);
        List<Object> after = configuredFunctions(lenet);
        for (int i = 0; i < configured.size(); i++) {
            assertSame(configured.get(i), after.get(i), "the configuration's own activation and loss objects are back");
        }
        assertEquals(Double.doubleToRawLongBits(plain.loss()), Double.doubleToRawLongBits(normalized.loss()));
        assertArrayEquals(array(plain.gradient()).toFloatVector(), array(normalized.gradient()).toFloatVector(), 0f);
        // and the hooks are gone afterwards: the next ordinary pass is unchanged too
        LossGradient next = lenet.lossAndGradient(batch);
        assertArrayEquals(array(plain.gradient()).toFloatVector(), array(next.gradient()).toFloatVector(), 0f);
    }

    /** Every layer's activation function and the output layer's loss function, as configured. */
    private static List<Object> configuredFunctions(Dl4jModel model) {
        List<Object> functions = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : model.layers()) {
            if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
                functions.add(base.getActivationFn());
            }
            if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer out) {
                functions.add(out.getLossFn());
            }
        }
        return functions;
    }

    /** A diverged network gives a non-finite direction on both routes, not an exception or a silent zero. */
    @Test
    void nonFiniteParametersGiveANonFiniteDirectionOnBothRoutes() {
        Dl4jModel mlp = Dl4jModel.of(TinyNets.mlp(67, D), new GradientMeter());
        INDArray p = array(mlp.params());
        p.putScalar(0, Double.NaN);
        mlp.setParams(TinyNets.vector(p));
        Dl4jBatch batch = TinyNets.data(68, 4, D);
        assertFalse(mlp.onePassNormalizedGradient(batch.data()).direction().allFinite());
        assertFalse(mlp.oneHotNormalizedGradient(batch.data()).direction().allFinite());
    }

    /**
     * BatchNorm couples the examples: the model takes the B one-hot passes, their result is each example's
     * gradient in the context of its batch (finite differences of l_j with the batch's statistics), and the
     * one-pass norms, forced onto this network, would be wrong.
     */
    @Test
    void batchNormNetworksTakeTheOneHotRouteWhichIsRightWhereOnePassWouldBeWrong() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 6, 6}, 3, 0.0, true, 1.0, 8, 57);
        GradientMeter meter = new GradientMeter();
        Dl4jModel bn = zoo(spec, meter);
        int b = 6;
        Dl4jBatch batch = images(58, b, new int[] {1, 6, 6}, 3, bn.featureLayout(), D);
        String reason = bn.exactNormsUnavailable(batch);
        assertNotNull(reason);
        assertTrue(reason.contains("BatchNorm"), reason);

        NormalizedGradient normalized = bn.perExampleNormalizedGradient(batch);
        assertEquals(new MeterReading(b, (long) b * b, 0, 0), meter.reading(), "B one-hot passes of B examples");

        // the mean of the per-example gradients is the batch gradient
        assertClose(array(bn.lossAndGradient(batch).gradient()), array(normalized.gradient()), 1e-12, "mean gradient");
        // g_j from a one-hot pass has the slope of l_j (forward only, with the batch's statistics) along a
        // random direction u, and its norm is the one reported
        MultiLayerNetwork net = (MultiLayerNetwork) bn.network();
        INDArray theta = array(bn.params());
        INDArray mask = array(bn.trainableMask());
        Nd4j.getRandom().setSeed(59);
        INDArray u = Nd4j.randn(D, theta.length()).muli(mask);
        double h = 1e-6;
        for (int j = 0; j < b; j++) {
            INDArray oneHot = Nd4j.zeros(D, b, 1);
            oneHot.putScalar(j, 0, 1.0);
            DataSet only = new DataSet(batch.data().getFeatures(), batch.data().getLabels(), null, oneHot);
            bn.setParams(TinyNets.vector(theta.add(u.mul(h))));
            double plus = net.score(only, true) * b;
            bn.setParams(TinyNets.vector(theta.sub(u.mul(h))));
            double minus = net.score(only, true) * b;
            bn.setParams(TinyNets.vector(theta));
            double slope = (plus - minus) / (2 * h);
            // g_j itself, from a pass with the same one-hot label mask
            INDArray gj = singleExampleGradient(bn, batch, j);
            assertEquals(slope, gj.mul(u).sumNumber().doubleValue(), 1e-6 * Math.max(1, Math.abs(slope)), "example " + j);
            assertEquals(gj.norm2Number().doubleValue(), normalized.norms()[j], 1e-12 * normalized.norms()[j]);
        }
    }

    /**
     * Why BatchNorm must take the one-hot route: with the running statistics as its only parameters
     * (gamma and beta locked), every trainable parameter is in a hooked dense layer, yet the norms read off
     * one pass differ from the per-example norms, because BatchNorm's error row j is d(sum_k l_k)/dz_j.
     */
    @Test
    void onePassNormsWouldBeWrongUnderBatchNormsCoupling() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(65).dataType(D)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(5).lockGammaBeta(true).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Dl4jModel bn = Dl4jModel.of(net, new GradientMeter());
        Dl4jBatch batch = TinyNets.data(66, 6, D);
        assertNotNull(bn.exactNormsUnavailable(batch));
        double[] right = bn.perExampleNormalizedGradient(batch).norms();
        double[] forced = bn.onePassNormalizedGradient(batch.data()).norms();
        double worst = 0;
        for (int j = 0; j < right.length; j++) {
            worst = Math.max(worst, Math.abs(forced[j] - right[j]) / right[j]);
        }
        assertTrue(worst > 1e-2, "BatchNorm's coupling changes the norms: worst relative difference " + worst);
    }

    /** Example j's gradient in its batch's context: the one-hot route with the direction's weights removed. */
    private static INDArray singleExampleGradient(Dl4jModel model, Dl4jBatch batch, int j) {
        INDArray oneHot = Nd4j.zeros(D, batch.size(), 1);
        oneHot.putScalar(j, 0, 1.0);
        DataSet only = new DataSet(batch.data().getFeatures(), batch.data().getLabels(), null, oneHot);
        return array(model.lossAndGradient(new Dl4jBatch(only)).gradient()).mul(batch.size());
    }

    @Test
    void recurrentNetworksAndBatchNormGraphsTakeTheOneHotRoute() {
        Dl4jModel lstm = Dl4jModel.of(ModelZoo.build(new ModelSpec("char-lstm", new int[] {5, 4}, 5, 0.0, false, 1.0, 3, 60), D),
                new GradientMeter());
        INDArray x = Nd4j.zeros(D, 3, 5, 4);
        INDArray y = Nd4j.zeros(D, 3, 5, 4);
        for (int j = 0; j < 3; j++) {
            for (int t = 0; t < 4; t++) {
                x.putScalar(new int[] {j, (j + t) % 5, t}, 1.0);
                y.putScalar(new int[] {j, (j + 2 * t + 1) % 5, t}, 1.0);
            }
        }
        Dl4jBatch sequences = new Dl4jBatch(new DataSet(x, y));
        String reason = lstm.exactNormsUnavailable(sequences);
        assertNotNull(reason);
        assertTrue(reason.contains("recurrent"), reason);
        NormalizedGradient normalized = lstm.perExampleNormalizedGradient(sequences);
        assertEquals(3, lstm.meter().gradientCalls(), "one pass per example");
        assertClose(array(lstm.lossAndGradient(sequences).gradient()), array(normalized.gradient()), 1e-12,
                "the one-hot passes add up to the batch gradient");

        Dl4jModel graph = Dl4jModel.of(TinyNets.batchNormResidualGraph(61, D, new Sgd(0.1)), new GradientMeter());
        String graphReason = graph.exactNormsUnavailable(TinyNets.data(62, 4, D));
        assertNotNull(graphReason);
        assertTrue(graphReason.contains("BatchNorm"), graphReason);
    }

    /** A pass counted is a pass made: 1 gradient call on the one-pass route, B on the one-hot route. */
    @Test
    void theMeterCountsThePassesEachRouteMakes() {
        GradientMeter meter = new GradientMeter();
        Dl4jModel mlp = zoo(ModelSpec.of("mlp", new int[] {1, 6, 6}, 3, 63), meter);
        Dl4jBatch batch = images(64, 10, new int[] {1, 6, 6}, 3, mlp.featureLayout(), D);
        mlp.perExampleNormalizedGradient(batch);
        assertEquals(new MeterReading(1, 10, 0, 0), meter.reading());
        assertEquals(1, mlp.perExampleDirectionCalls(10));
        mlp.oneHotNormalizedGradient(batch.data());
        assertEquals(new MeterReading(1 + 10, 10 + 100, 0, 0), meter.reading());
    }
}
