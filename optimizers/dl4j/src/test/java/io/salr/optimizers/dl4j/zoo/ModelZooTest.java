package io.salr.optimizers.dl4j.zoo;

import io.salr.optimizers.engine.ModelSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelZooTest {

    private static INDArray randomImages(int batch, int c, int h, int w) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.FLOAT, batch, c, h, w);
    }

    private static void assertSoftmaxRows(INDArray out, int batch, int classes) {
        assertArrayEquals(new long[] {batch, classes}, out.shape());
        INDArray sums = out.sum(1);
        for (int i = 0; i < batch; i++) {
            assertEquals(1.0, sums.getDouble(i), 1e-4, "row " + i + " of the softmax output");
        }
    }

    @Test
    void lenetHasTheClassicParameterCountAndOutputShape() {
        MultiLayerNetwork net = (MultiLayerNetwork) ModelZoo.build(ModelSpec.of("lenet", new int[] {1, 28, 28}, 10, 1));
        // conv 5x5x20: 20*25+20; conv 5x5x50: 50*20*25+50; dense 800->500; softmax 500->10
        assertEquals(520 + 25_050 + 400_500 + 5_010, net.numParams());
        assertSoftmaxRows(net.output(randomImages(3, 1, 28, 28)), 3, 10);
    }

    @Test
    void mlpIs784To256To10OnFlatInput() {
        MultiLayerNetwork net = (MultiLayerNetwork) ModelZoo.build(ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 1));
        assertEquals(784L * 256 + 256 + 256L * 10 + 10, net.numParams());
        assertSoftmaxRows(net.output(Nd4j.rand(DataType.FLOAT, 4, 784)), 4, 10);
    }

    @Test
    void allCnnCWithBatchNormAndDropoutHasThemAndScalesWithWidth() {
        ModelSpec half = new ModelSpec("allcnn-c", new int[] {3, 32, 32}, 10, 0.5, true, 0.25, 256, 3);
        MultiLayerNetwork net = (MultiLayerNetwork) ModelZoo.build(half);
        long bn = net.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof BatchNormalization).count();
        long dropout = net.getLayerWiseConfigurations().getConfs().stream()
                .filter(c -> c.getLayer() instanceof DropoutLayer).count();
        assertEquals(9, bn, "one BatchNorm after each of the nine convolutions");
        assertEquals(2, dropout, "dropout after the two strided convolutions");
        assertSoftmaxRows(net.output(randomImages(2, 3, 32, 32)), 2, 10);

        ModelSpec full = new ModelSpec("allcnn-c", new int[] {3, 32, 32}, 10, 0.0, false, 1.0, 256, 3);
        long fullParams = ModelZoo.build(full).numParams();
        // All-CNN-C has about 1.37 million weights (Springenberg et al. 2015, Table 2).
        assertTrue(fullParams > 1_300_000 && fullParams < 1_400_000, "All-CNN-C parameters: " + fullParams);
        assertTrue(net.numParams() < fullParams / 10, "width 0.25 shrinks the network");
    }

    @Test
    void resnetsAreComputationGraphsOfTheRightDepth() {
        Model r20 = ModelZoo.build(ModelSpec.of("resnet20", new int[] {3, 32, 32}, 10, 5));
        Model r32 = ModelZoo.build(ModelSpec.of("resnet32", new int[] {3, 32, 32}, 100, 5));
        ComputationGraph g20 = assertInstanceOf(ComputationGraph.class, r20);
        ComputationGraph g32 = assertInstanceOf(ComputationGraph.class, r32);
        // 6n+2 weighted layers: count the 3x3 convolutions (6n + 1) plus the output layer.
        assertEquals(19, countConvs3x3(g20));
        assertEquals(31, countConvs3x3(g32));
        // ResNet-20 has about 0.27M parameters (He et al. 2016); the projection shortcuts add a few.
        assertTrue(g20.numParams() > 260_000 && g20.numParams() < 290_000, "ResNet-20 parameters: " + g20.numParams());
        assertSoftmaxRows(g20.outputSingle(randomImages(2, 3, 32, 32)), 2, 10);
    }

    private static long countConvs3x3(ComputationGraph g) {
        return g.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c
                        && c.getKernelSize()[0] == 3)
                .count();
    }

    @Test
    void charLstmPredictsADistributionOverTheVocabularyAtEveryStep() {
        ModelSpec spec = new ModelSpec("char-lstm", new int[] {30, 12}, 30, 0.0, false, 1.0, 16, 9);
        MultiLayerNetwork net = (MultiLayerNetwork) ModelZoo.build(spec);
        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 2, 30, 12));
        assertArrayEquals(new long[] {2, 30, 12}, out.shape());
        assertEquals(1.0, out.sum(1).getDouble(0, 0), 1e-4);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
        ModelSpec spec = ModelSpec.of("mlp", new int[] {1, 8, 8}, 3, 11);
        INDArray a = ModelZoo.build(spec).params().dup();
        INDArray b = ModelZoo.build(spec).params().dup();
        INDArray c = ModelZoo.build(spec.withSeed(12)).params().dup();
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void badSpecsNameTheFieldAndValue() {
        var unknown = assertThrows(InvalidParameterException.class, () -> ModelSpec.of("vgg", new int[] {1, 28, 28}, 10, 1));
        assertTrue(unknown.getMessage().contains("model") && unknown.getMessage().contains("vgg"), unknown.getMessage());
        var dropout = assertThrows(InvalidParameterException.class,
                () -> new ModelSpec("mlp", new int[] {1, 28, 28}, 10, 1.0, false, 1, 8, 1));
        assertTrue(dropout.getMessage().contains("dropout") && dropout.getMessage().contains("1.0"), dropout.getMessage());
        var shape = assertThrows(InvalidParameterException.class, () -> ModelSpec.of("lenet", new int[] {1, 8, 8}, 10, 1));
        assertTrue(shape.getMessage().contains("inputShape"), shape.getMessage());
    }
}
