package io.salr.optimizers.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.salr.optimizers.dl4j.TinyNets.array;
import static io.salr.optimizers.dl4j.TinyNets.vector;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.validation.InvalidParameterException;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class Dl4jModelTest {

    private static final DataType D = DataType.DOUBLE;

    @Test
    void paramsAndGradientAreRankOneAndDl4jGradientIsSummedOverTheBatch() {
        MultiLayerNetwork net = TinyNets.mlp(1, D);
        Dl4jBatch batch = TinyNets.data(2, 6, D);
        assertEquals(1, net.params().rank(), "DL4J M2.1 params() rank");
        net.setInput(batch.data().getFeatures());
        net.setLabels(batch.data().getLabels());
        net.computeGradientAndScore();
        INDArray summed = net.gradient().gradient().dup();
        double score = net.score();
        Dl4jModel adapter = Dl4jModel.of(net, new GradientMeter());
        LossGradient g = adapter.lossAndGradient(batch);
        assertEquals(1, array(g.gradient()).rank());
        assertEquals(adapter.numParams(), g.gradient().length());
        assertEquals(score, g.loss(), 1e-12, "score() is already the mean loss");
        assertTrue(summed.reshape(adapter.numParams()).div(6).equalsWithEps(array(g.gradient()), 1e-12));
        double meanOfSingles = 0;
        for (int j = 0; j < 6; j++) {
            meanOfSingles += adapter.loss(TinyNets.example(batch, j)) / 6;
        }
        assertEquals(meanOfSingles, g.loss(), 1e-12, "loss is the mean of per-example losses");
    }

    @Test
    void meanGradientMatchesCentralFiniteDifferencesOfTheMeanLoss() {
        Dl4jModel adapter = Dl4jModel.of(TinyNets.mlp(3, D), new GradientMeter());
        Dl4jBatch batch = TinyNets.data(4, 5, D);
        INDArray theta = array(adapter.params());
        INDArray gradient = array(adapter.lossAndGradient(batch).gradient());
        double h = 1e-6;
        for (int i = 0; i < adapter.numParams(); i++) {
            INDArray plus = theta.dup();
            plus.putScalar(i, theta.getDouble(i) + h);
            adapter.setParams(vector(plus));
            double fPlus = adapter.loss(batch);
            INDArray minus = theta.dup();
            minus.putScalar(i, theta.getDouble(i) - h);
            adapter.setParams(vector(minus));
            double fMinus = adapter.loss(batch);
            assertEquals((fPlus - fMinus) / (2 * h), gradient.getDouble(i), 1e-7, "entry " + i);
        }
    }

    @Test
    void setParamsRoundTripsBitForBitAndPassesLeaveParamsUntouched() {
        Dl4jModel adapter = Dl4jModel.of(TinyNets.batchNormMlp(5, DataType.FLOAT, new Sgd(0.1)),
                new GradientMeter());
        Dl4jBatch batch = TinyNets.data(6, 4, DataType.FLOAT);
        INDArray original = array(adapter.params());
        INDArray other = Nd4j.rand(DataType.FLOAT, adapter.numParams());
        adapter.setParams(vector(other));
        assertEquals(other, array(adapter.params()));
        adapter.setParams(vector(original));
        assertEquals(original, array(adapter.params()));
        adapter.lossAndGradient(batch);
        adapter.loss(batch);
        adapter.perExampleNormalizedGradient(batch);
        assertEquals(original, array(adapter.params()), "no pass moves parameters or running statistics");
    }

    @Test
    void batchNormRunningStatisticsAreMaskedOutOfTheGradientAndReportedAsTheStatisticsStep() {
        Dl4jModel adapter = Dl4jModel.of(TinyNets.batchNormMlp(7, D, new Sgd(0.1)), new GradientMeter());
        assertTrue(adapter.hasRunningStatistics());
        INDArray mask = array(adapter.trainableMask());
        LossGradient g = adapter.lossAndGradient(TinyNets.data(8, 5, D));
        INDArray statisticsStep = statisticsStep(adapter, g);
        int statistics = 0;
        for (ParameterBlock block : adapter.layout()) {
            boolean stat = block.layer().equals("1") && (block.key().equals("mean") || block.key().equals("log10stdev"));
            assertEquals(!stat, block.trainable(), block.toString());
            for (long i = block.offset(); i < block.offset() + block.length(); i++) {
                assertEquals(stat ? 0.0 : 1.0, mask.getDouble(i));
                if (stat) {
                    statistics++;
                    assertEquals(0.0, Math.abs(array(g.gradient()).getDouble(i)));
                } else {
                    assertEquals(0.0, Math.abs(statisticsStep.getDouble(i)));
                }
            }
        }
        assertEquals(6, statistics);
        assertTrue(statisticsStep.norm2Number().doubleValue() > 0, "a training pass proposes new statistics");
        assertFalse(Dl4jModel.of(TinyNets.mlp(1, D), new GradientMeter()).hasRunningStatistics());
    }

    @Test
    void perExampleNormalizedDirectionEqualsTheDirectMeanOfNormalizedBatchOfOneGradients() {
        Dl4jModel adapter = Dl4jModel.of(TinyNets.mlp(9, D), new GradientMeter());
        int b = 5;
        Dl4jBatch batch = TinyNets.data(10, b, D);
        INDArray direct = Nd4j.zeros(D, adapter.numParams());
        double[] singleNorms = new double[b];
        for (int j = 0; j < b; j++) {
            INDArray gj = array(adapter.lossAndGradient(TinyNets.example(batch, j)).gradient());
            singleNorms[j] = gj.norm2Number().doubleValue();
            direct.addi(gj.div(singleNorms[j]).divi(b));
        }
        NormalizedGradient normalized = adapter.perExampleNormalizedGradient(batch);
        assertArrayEquals(singleNorms, normalized.norms(), 1e-12);
        assertTrue(direct.equalsWithEps(array(normalized.direction()), 1e-12), direct + " vs " + normalized.direction());
        assertEquals(adapter.loss(batch), normalized.loss(), 1e-12);
    }

    @Test
    void dl4jLabelMasksAreExampleWeightsOnlyForZeroAndOne() {
        MultiLayerNetwork net = TinyNets.mlp(22, D);
        Dl4jBatch batch = TinyNets.data(23, 4, D);
        Dl4jModel adapter = Dl4jModel.of(net, new GradientMeter());
        double plain = adapter.loss(batch);
        INDArray half = Nd4j.valueArrayOf(new long[] {4, 1}, 0.5, D);
        double masked = net.score(new DataSet(batch.data().getFeatures(), batch.data().getLabels(), null, half), true);
        // A linear weight would give exactly plain / 2; DL4J also scales the output pre-activations.
        assertTrue(Math.abs(masked - plain / 2) > 1e-6, masked + " vs " + plain / 2);
    }

    @Test
    void computationGraphAdapterAgreesWithTheMultiLayerAdapter() {
        ComputationGraph graph = TinyNets.graph(11, D);
        MultiLayerNetwork net = TinyNets.mlp(12, D);
        Dl4jModel g = Dl4jModel.of(graph, new GradientMeter());
        Dl4jModel m = Dl4jModel.of(net, new GradientMeter());
        assertEquals(m.numParams(), g.numParams());
        g.setParams(m.params());
        Dl4jBatch batch = TinyNets.data(13, 4, D);
        LossGradient a = m.lossAndGradient(batch);
        LossGradient b = g.lossAndGradient(batch);
        assertEquals(a.loss(), b.loss(), 1e-12);
        assertTrue(array(a.gradient()).equalsWithEps(array(b.gradient()), 1e-12));
        assertEquals(m.loss(batch), g.loss(batch), 1e-12);
        assertEquals(List.of("hidden", "hidden", "out", "out"), g.layout().stream().map(ParameterBlock::layer).toList());
    }

    @Test
    void meterCountsEveryPassExactly() {
        GradientMeter meter = new GradientMeter();
        Dl4jModel adapter = Dl4jModel.of(TinyNets.mlp(14, D), meter);
        Dl4jBatch batch = TinyNets.data(15, 3, D);
        adapter.lossAndGradient(batch);
        adapter.loss(batch);
        adapter.loss(batch);
        adapter.perExampleNormalizedGradient(batch);
        adapter.params();
        adapter.setParams(adapter.params());
        // lossAndGradient 1 pass; perExampleNormalizedGradient on an MLP 1 (norms and direction from one pass)
        assertEquals(new MeterReading(1 + 1, 2 * 3, 2, 6), meter.reading());
    }

    @Test
    void nonFiniteParametersGiveANonFiniteResultInsteadOfAnException() {
        Dl4jModel adapter = Dl4jModel.of(TinyNets.mlp(16, D), new GradientMeter());
        INDArray p = array(adapter.params());
        p.putScalar(0, Double.NaN);
        adapter.setParams(vector(p));
        assertFalse(adapter.lossAndGradient(TinyNets.data(17, 3, D)).isFinite());
        assertFalse(adapter.params().allFinite());
        assertTrue(FiniteCheck.allFinite(Nd4j.ones(D, 3)));
        p.putScalar(0, Double.POSITIVE_INFINITY);
        assertFalse(FiniteCheck.allFinite(p));
    }

    @Test
    void networksWithDl4jRegularizationAreRejected() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(D).l2(1e-4).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Dl4jModel.of(net, new GradientMeter()));
        assertEquals("network.regularization", e.parameter());
    }

    @Test
    void recomputedRunningMeanIsTheEqualWeightMeanOfBatchMeans() {
        MultiLayerNetwork net = TinyNets.batchNormMlp(18, D, new Sgd(0.1));
        GradientMeter meter = new GradientMeter();
        Dl4jModel adapter = Dl4jModel.of(net, meter);
        List<Batch> batches = List.of(TinyNets.data(19, 4, D), TinyNets.data(20, 6, D), TinyNets.data(21, 5, D));
        INDArray expected = Nd4j.zeros(D, 3);
        for (Batch batch : batches) {
            INDArray bnInput = net.feedForward(((Dl4jBatch) batch).data().getFeatures(), true).get(1);
            expected.addi(bnInput.mean(0).divi(batches.size()));
        }
        INDArray before = array(adapter.params());
        double decay = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) net.getLayer(1).conf().getLayer()).getDecay();
        adapter.recomputeRunningStatistics(batches);
        assertEquals(3, meter.gradientCalls());
        INDArray mean = net.getLayer(1).getParam("mean");
        assertTrue(expected.equalsWithEps(mean, 1e-10), expected + " vs " + mean);
        INDArray after = array(adapter.params());
        INDArray mask = array(adapter.trainableMask());
        assertEquals(before.mul(mask), after.mul(mask), "weights are untouched");
        assertEquals(decay, ((org.deeplearning4j.nn.conf.layers.BatchNormalization) net.getLayer(1).conf().getLayer())
                .getDecay(), "the layer's decay is restored");
    }

    /** What applying {@code g}'s statistics update subtracts from the parameters (zero at the weights). */
    private static INDArray statisticsStep(Dl4jModel model, LossGradient g) {
        INDArray before = array(model.params());
        model.applyStatistics(g.statistics());
        INDArray after = array(model.params());
        model.setParams(vector(before));
        return before.sub(after);
    }
}
