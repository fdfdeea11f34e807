package io.salr.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.dl4j.zoo.Execution;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.dl4j.zoo.ModelZoo;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.MethodSpec;
import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.dl4j.Nd4jVector;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.methods.StepRecord;
import io.salr.optimizers.methods.TrainingMethod;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast execution path ({@link Execution#FAST}: oneDNN helpers, cacheMode DEVICE) computes what DL4J
 * out of the box computes: on a fixed seed, training with the fast and the plain network gives the same
 * loss trajectory and the same parameters up to float32 rounding (oneDNN sums in another order).
 */
@Tag("slow")
class ExecutionAgreementTest {

    private static final int STEPS = 6;
    /** float32 rounding differences grow over a few steps; anything larger than this is a different computation. */
    private static final double LOSS_TOLERANCE = 1e-4;
    private static final double PARAM_TOLERANCE = 1e-4;

    @Test
    void fastLenetRunsOnTheOneDnnHelpersAndPlainOnDl4jsOwnConvolution() {
        MultiLayerNetwork fast = lenet(false, Execution.FAST);
        MultiLayerNetwork plain = lenet(false, Execution.PLAIN);
        boolean oneDnn = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        assertTrue(oneDnn, "the default build's natives are the oneDNN ones and answer DL4J's helper probe");
        for (Layer l : fast.getLayers()) {
            if (l instanceof ConvolutionLayer) {
                assertNotNull(l.getHelper(), "fast convolution layer " + l.getIndex() + " has a oneDNN helper");
            }
        }
        for (Layer l : plain.getLayers()) {
            if (l instanceof ConvolutionLayer) {
                assertNull(l.getHelper(), "plain convolution layer " + l.getIndex() + " uses DL4J's own code");
            }
        }
        assertEquals(plain.params(), fast.params(), "both modes start from the same initial parameters");
    }

    @Test
    void sgdOnLenetFollowsTheSameLossTrajectory() {
        assertSameTrajectory("sgd", false);
    }

    @Test
    void sgdSalrOnBatchNormLenetFollowsTheSameLossTrajectory() {
        assertSameTrajectory("sgd-salr", true);
    }

    @Test
    void sgdOnTheMlpFollowsTheSameLossTrajectory() {
        List<Double> fast = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        INDArray pf = train((MultiLayerNetwork) ModelZoo.build(ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 5L),
                DataType.FLOAT, Execution.FAST), "sgd", true, fast);
        INDArray pp = train((MultiLayerNetwork) ModelZoo.build(ModelSpec.of("mlp", new int[] {1, 28, 28}, 10, 5L),
                DataType.FLOAT, Execution.PLAIN), "sgd", true, plain);
        compare(fast, plain, pf, pp);
    }

    private static void assertSameTrajectory(String method, boolean batchNorm) {
        List<Double> fast = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        INDArray pf = train(lenet(batchNorm, Execution.FAST), method, false, fast);
        INDArray pp = train(lenet(batchNorm, Execution.PLAIN), method, false, plain);
        compare(fast, plain, pf, pp);
    }

    private static void compare(List<Double> fast, List<Double> plain, INDArray pf, INDArray pp) {
        assertEquals(STEPS, fast.size());
        for (int i = 0; i < STEPS; i++) {
            assertEquals(plain.get(i), fast.get(i), LOSS_TOLERANCE * Math.max(1, Math.abs(plain.get(i))),
                    "loss at step " + i + ": fast " + fast + " plain " + plain);
        }
        assertTrue(fast.get(STEPS - 1) < fast.get(0), "training lowers the loss on a fixed batch set: " + fast);
        double diff = pf.sub(pp).amaxNumber().doubleValue();
        assertTrue(diff < PARAM_TOLERANCE, "largest parameter difference after " + STEPS + " steps: " + diff);
    }

    private static MultiLayerNetwork lenet(boolean batchNorm, Execution execution) {
        ModelSpec spec = new ModelSpec("lenet", new int[] {1, 28, 28}, 10, 0.0, batchNorm, 1.0, 256, 9L);
        return (MultiLayerNetwork) ModelZoo.build(spec, DataType.FLOAT, execution);
    }

    /** Trains STEPS iterations on two alternating seeded batches; returns the final parameters. */
    private static INDArray train(MultiLayerNetwork network, String method, boolean flat, List<Double> losses) {
        Dl4jModel net = Dl4jModel.of(network, new GradientMeter(),
                flat ? Dl4jModel.FeatureLayout.FLAT : Dl4jModel.FeatureLayout.NCHW);
        TrainingMethod m = MethodSpec.resolve(Method.parse("method", method), java.util.Map.of("lr", 0.02))
                .bind(100, 1000).create(3L);
        List<Batch> batches = new ArrayList<>();
        Nd4j.getRandom().setSeed(21L);
        for (int b = 0; b < 2; b++) {
            INDArray x = flat ? Nd4j.rand(DataType.FLOAT, 32, 784) : Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
            for (int i = 0; i < 32; i++) {
                y.putScalar(i, (i * 7 + b) % 10, 1.0);
            }
            batches.add(new Dl4jBatch(new DataSet(x, y)));
        }
        for (int k = 0; k < STEPS; k++) {
            Batch batch = batches.get(k % 2);
            StepRecord r = m.step(net, batch, () -> batches.get(1), k);
            assertTrue(r.divergence().isEmpty(), "step " + k + " diverged: " + r.divergence());
            losses.add(r.loss());
        }
        return Nd4jVector.unwrap(net.params());
    }
}
