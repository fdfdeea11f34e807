package io.salr.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.GradientMethodConfig;
import io.salr.optimizers.methods.SalrRate;
import io.salr.optimizers.methods.SgdConfig;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.StochasticSharpnessConfig;
import io.salr.optimizers.methods.TrainingMethod;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The README's "SALR on your own DL4J network" example, compiled and run here so that it stays true:
 * the lines between the markers are the ones the README shows.
 */
class ReadmeExampleTest {

    private static MultiLayerNetwork yourNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static List<DataSet> yourDataSets() {
        Nd4j.getRandom().setSeed(5);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int r = 0; r < 16; r++) {
                y.putScalar(r, x.getDouble(r, 0) > 0.5 ? 0 : x.getDouble(r, 1) > 0.5 ? 1 : 2, 1.0);
            }
            batches.add(new DataSet(x, y));
        }
        return batches;
    }

    @Test
    void sgdSalrOnAPlainMultiLayerNetwork() {
        MultiLayerNetwork myNetwork = yourNetwork();
        List<DataSet> yourDataSets = yourDataSets();
        // --- README example begins
        GradientMeter meter = new GradientMeter();
        Dl4jModel net = Dl4jModel.of(myNetwork, meter);                     // or a ComputationGraph
        List<Batch> batches = yourDataSets.stream().<Batch>map(Dl4jBatch::new).toList();
        Iterator<Batch> moreBatches = batches.iterator();                   // fresh batches for probes
        TrainingMethod sgdSalr = new GradientMethodConfig(
                new SgdConfig(0.9, 5e-4),                                   // momentum, weight decay
                new SalrRate(SalrScheduleConfig.of(0.05, 2),                // eta_0, refresh every c = 2 steps
                        StochasticSharpnessConfig.batchNormalized(new SharpnessConfig(0.01, 5, 5)))) // gamma, n1, n2
                .create(42);                                                // seed of the probe streams
        for (int k = 0; k < batches.size(); k++) {
            StepRecord r = sgdSalr.step(net, batches.get(k), moreBatches::next, k);
            if (r.diverged()) {
                break;
            }
            System.out.printf("loss %.4f  lr %.4f  S_hat %s%n", r.loss(), r.learningRate(), r.sharpness());
        }
        sgdSalr.finish(net, batches);
        System.out.println("gradient calls: " + meter.gradientCalls());
        // --- README example ends
        assertEquals(20 + 10 * (5 - 1 + 5 - 1), meter.gradientCalls(),
                "20 steps, plus 8 probe calls on each of the 10 refresh steps (c = 2): the step's own gradient starts both chains");
        assertTrue(net.params().allFinite(), "parameters stay finite");
        assertTrue(net.loss(batches.get(0)) < 1.2, "the network learned something: " + net.loss(batches.get(0)));
    }
}
