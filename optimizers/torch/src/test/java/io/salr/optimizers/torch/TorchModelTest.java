package io.salr.optimizers.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.FlatVector;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.LossGradient;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.NormalizedGradient;
import io.salr.optimizers.engine.ParameterBlock;
import io.salr.optimizers.engine.Predictions;
import io.salr.optimizers.engine.StatisticsUpdate;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine boundary's contract on the torch engine: passes, statistics, dropout, save and restore, errors. */
class TorchModelTest {

    private static TorchModel build(ModelSpec spec) {
        return new TorchEngine().build(spec, new GradientMeter());
    }

    private static boolean bitwiseEqual(FlatVector a, FlatVector b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    static List<ModelSpec> withoutBatchNorm() {
        return List.of(Fixtures.mlp(false, 0.0), Fixtures.mlp(false, 0.5), Fixtures.lenet(false, 0.3),
                Fixtures.allCnn(false, 0.3), Fixtures.charLstm(0.0), Fixtures.charLstm(0.4));
    }

    /**
     * Without BatchNorm f_j depends on example j alone, so its gradient is the mean gradient of a batch
     * holding only example j: the fast per-example norms must equal that brute force, and the direction
     * must equal (1/B) sum_j g_j/|g_j| built from it. The B-pass route must give the same.
     */
    @ParameterizedTest
    @MethodSource("withoutBatchNorm")
    void perExampleNormsEqualOneExampleBatches(ModelSpec spec) {
        GradientMeter meter = new GradientMeter();
        TorchModel m = new TorchModel(spec, org.bytedeco.pytorch.global.torch.ScalarType.Double,
                new org.bytedeco.pytorch.Device("cpu"), meter, false, null); // masks differ between batch sizes
        int b = 5;
        HostBatch host = Fixtures.batch(spec, b, 11);
        Batch batch = m.batch(host);
        NormalizedGradient fast = m.perExampleNormalizedGradient(batch);
        assertEquals(1, meter.gradientCalls(), "the tap route costs one gradient call");
        assertEquals(1, m.perExampleDirectionCalls(b));
        NormalizedGradient slow = m.perExampleNormalizedGradientByPasses(batch);
        assertEquals(1 + b, meter.gradientCalls(), "the pass route costs B gradient calls");
        FlatVector expected = m.zeros();
        FlatVector mean = m.zeros();
        double lossSum = 0;
        for (int j = 0; j < b; j++) {
            LossGradient single = m.lossAndGradient(m.batch(example(host, j)));
            double norm = single.gradient().norm2();
            assertEquals(norm, fast.norms()[j], 1e-10 * norm, spec.architecture() + " norm of example " + j);
            assertEquals(norm, slow.norms()[j], 1e-10 * norm);
            expected.addi(single.gradient().div(b * norm));
            mean.addi(single.gradient().div(b));
            lossSum += single.loss();
        }
        assertEquals(lossSum / b, fast.loss(), 1e-12);
        assertEquals(0.0, fast.gradient().sub(mean).norm2(), 1e-10 * mean.norm2(), "the step's mean gradient");
        assertEquals(0.0, fast.direction().sub(expected).norm2(), 1e-10);
        assertEquals(0.0, slow.direction().sub(expected).norm2(), 1e-10);
        assertTrue(fast.direction().norm2() <= 1 + 1e-12);
    }

    /**
     * With dropout active both routes restart the masks from the same seed, so they see one network: the
     * one-pass direction, norms and mean gradient must equal the B-pass ones to rounding (float64).
     */
    @ParameterizedTest
    @MethodSource("withoutBatchNorm")
    void onePassRouteEqualsThePassRouteWithDropoutActive(ModelSpec spec) {
        GradientMeter meter = new GradientMeter();
        TorchModel m = new TorchModel(spec, org.bytedeco.pytorch.global.torch.ScalarType.Double,
                new org.bytedeco.pytorch.Device("cpu"), meter, true, null);
        m.seedStochasticLayers(17);
        Batch batch = m.batch(Fixtures.batch(spec, 6, 5));
        NormalizedGradient fast = m.perExampleNormalizedGradient(batch);
        NormalizedGradient slow = m.perExampleNormalizedGradientByPasses(batch);
        for (int j = 0; j < 6; j++) {
            assertEquals(slow.norms()[j], fast.norms()[j], 1e-11 * slow.norms()[j], spec.architecture() + " norm " + j);
        }
        assertEquals(0.0, fast.direction().sub(slow.direction()).norm2(), 1e-11 * slow.direction().norm2());
        assertEquals(0.0, fast.gradient().sub(slow.gradient()).norm2(), 1e-11 * slow.gradient().norm2());
        assertEquals(slow.loss(), fast.loss(), 1e-12 * Math.abs(slow.loss()));
        if (spec.dropout() > 0) {
            m.seedStochasticLayers(18);
            NormalizedGradient other = m.perExampleNormalizedGradient(batch);
            assertTrue(other.direction().sub(fast.direction()).norm2() > 1e-6, "another seed, other masks");
        }
    }

    /**
     * The in-place update gives the bits of setParams(params().sub(delta)), refuses a non-finite result
     * leaving the parameters alone, and the parameter view follows every change without being a copy.
     */
    @Test
    void applyUpdateIsTheCopyingUpdateBitForBitAndTheViewFollowsTheParameters() {
        TorchModel a = build(Fixtures.lenet(false, 0.0));
        TorchModel b = build(Fixtures.lenet(false, 0.0));
        Batch batch = a.batch(Fixtures.batch(a.spec(), 4, 9));
        FlatVector view = a.parameterView();
        for (int k = 0; k < 3; k++) {
            FlatVector delta = a.lossAndGradient(batch).gradient().mul(0.05);
            assertTrue(a.applyUpdate(delta));
            b.setParams(b.params().sub(delta));
            assertTrue(bitwiseEqual(a.params(), b.params()), "step " + k);
            assertTrue(bitwiseEqual(a.params(), view), "the view follows the parameters");
        }
        FlatVector before = a.params();
        double[] bad = new double[(int) a.numParams()];
        bad[3] = Double.POSITIVE_INFINITY;
        assertFalse(a.applyUpdate(a.zeros().like(bad)));
        assertTrue(bitwiseEqual(before, a.params()), "a refused update leaves the parameters alone");
        a.setParams(a.zeros());
        assertEquals(0.0, view.norm2(), 0.0, "setParams shows through the view");
        assertSame(a.trainableMask(), a.trainableMask(), "one mask, no copy per call");
        assertThrows(InvalidParameterException.class, () -> a.applyUpdate(build(Fixtures.mlp(false, 0.0)).zeros()));
    }

    private static HostBatch example(HostBatch h, int j) {
        if (h.kind() == HostBatch.Kind.SEQUENCES) {
            int t = h.exampleShape()[1];
            return new HostBatch(h.kind(), new float[0], Arrays.copyOfRange(h.tokens(), j * t, (j + 1) * t),
                    Arrays.copyOfRange(h.targets(), j * t, (j + 1) * t), h.exampleShape(), h.numClasses());
        }
        int per = h.features().length / h.targets().length;
        return new HostBatch(h.kind(), Arrays.copyOfRange(h.features(), j * per, (j + 1) * per), new int[0],
                new int[] {h.targets()[j]}, h.exampleShape(), h.numClasses());
    }

    @Test
    void batchNormPerExampleCostsBPassesAndAveragesUnitVectors() {
        GradientMeter meter = new GradientMeter();
        TorchModel m = new TorchEngine().build(Fixtures.lenet(true, 0.0), meter);
        Batch batch = m.batch(Fixtures.batch(m.spec(), 6, 3));
        NormalizedGradient n = m.perExampleNormalizedGradient(batch);
        assertEquals(6, meter.gradientCalls());
        assertEquals(6, n.norms().length);
        for (double v : n.norms()) {
            assertTrue(v > 0 && Double.isFinite(v));
        }
        assertTrue(n.direction().norm2() <= 1 + 1e-6 && n.direction().norm2() > 0);
        assertEquals(m.loss(batch), n.loss(), 1e-6);
    }

    /** No pass changes the parameters or the running statistics; applyStatistics moves only the statistics. */
    @Test
    void batchNormStatisticsMoveOnlyThroughApplyStatistics() {
        TorchModel m = build(Fixtures.resnet(0.0));
        Batch batch = m.batch(Fixtures.batch(m.spec(), 4, 5));
        FlatVector before = m.params();
        LossGradient g = m.lossAndGradient(batch);
        m.loss(batch);
        NormalizedGradient n = m.perExampleNormalizedGradient(batch);
        m.predict(batch, new GradientMeter());
        assertTrue(bitwiseEqual(before, m.params()), "passes leave every parameter and statistic untouched");
        assertTrue(g.statistics().isFinite());
        assertTrue(n.statistics().isFinite());

        m.applyStatistics(g.statistics());
        double[] a = before.toDoubleArray();
        double[] c = m.params().toDoubleArray();
        double[] mask = m.trainableMask().toDoubleArray();
        int moved = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i] == 1) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(c[i]), "weight " + i);
            } else if (a[i] != c[i]) {
                moved++;
            }
        }
        assertTrue(moved > 0, "applyStatistics moves the running statistics");
    }

    /**
     * DL4J's update on a dense BatchNorm layer, computed by hand: from mean 0 and log10stdev 0 (var 1),
     * one update with batch mean mu and biased batch variance v gives mean 0.1 mu and
     * log10stdev log10(0.9 + 0.1 v) / 2.
     */
    @Test
    void runningStatisticsFollowDl4jsFormula() {
        ModelSpec spec = new ModelSpec("mlp", new int[] {1, 2, 2}, 2, 0.0, true, 1.0, 3, 5);
        TorchModel m = new TorchModel(spec, org.bytedeco.pytorch.global.torch.ScalarType.Double,
                new org.bytedeco.pytorch.Device("cpu"), new GradientMeter(), true, null);
        HostBatch host = Fixtures.batch(spec, 7, 9);
        Batch batch = m.batch(host);
        double[] p = m.params().toDoubleArray();
        List<ParameterBlock> layout = m.layout();
        ParameterBlock w = layout.get(0);
        ParameterBlock bias = layout.get(1);
        // the hidden pre-activations z = W x + b, by hand
        int in = 4;
        int hidden = 3;
        double[][] z = new double[7][hidden];
        for (int e = 0; e < 7; e++) {
            for (int o = 0; o < hidden; o++) {
                double s = p[(int) bias.offset() + o];
                for (int i = 0; i < in; i++) {
                    s += p[(int) w.offset() + o * in + i] * (float) host.features()[e * in + i];
                }
                z[e][o] = s;
            }
        }
        m.applyStatistics(m.lossAndGradient(batch).statistics());
        double[] q = m.params().toDoubleArray();
        ParameterBlock mean = layout.stream().filter(b -> b.key().equals("mean")).findFirst().orElseThrow();
        ParameterBlock logStd = layout.stream().filter(b -> b.key().equals("log10stdev")).findFirst().orElseThrow();
        for (int o = 0; o < hidden; o++) {
            double mu = 0;
            for (int e = 0; e < 7; e++) {
                mu += z[e][o] / 7;
            }
            double v = 0;
            for (int e = 0; e < 7; e++) {
                v += (z[e][o] - mu) * (z[e][o] - mu) / 7;
            }
            assertEquals(0.1 * mu, q[(int) mean.offset() + o], 1e-12, "running mean of unit " + o);
            assertEquals(Math.log10(0.9 + 0.1 * v) / 2, q[(int) logStd.offset() + o], 1e-12, "log10 std of unit " + o);
        }
        // recomputing over one batch replaces the statistics by that batch's (decay 0 at t = 0)
        m.recomputeRunningStatistics(List.of(batch));
        double[] r = m.params().toDoubleArray();
        for (int o = 0; o < hidden; o++) {
            double mu = 0;
            for (int e = 0; e < 7; e++) {
                mu += z[e][o] / 7;
            }
            assertEquals(mu, r[(int) mean.offset() + o], 1e-12);
        }
    }

    @Test
    void inferenceUsesTheRunningStatisticsAndTrainingPassesDoNot() {
        TorchModel m = build(Fixtures.lenet(true, 0.0));
        Batch a = m.batch(Fixtures.batch(m.spec(), 4, 1));
        Batch b = m.batch(Fixtures.batch(m.spec(), 4, 2));
        double lossBefore = m.loss(b);
        Predictions before = m.predict(b, new GradientMeter());
        m.applyStatistics(m.lossAndGradient(a).statistics());
        assertEquals(lossBefore, m.loss(b), 0.0, "training mode normalizes with the batch's own statistics");
        Predictions after = m.predict(b, new GradientMeter());
        assertNotEquals(before.lossSum(), after.lossSum(), "inference mode normalizes with the running statistics");
    }

    @Test
    void recomputeCountsForwardCallsAndRejectsAnEmptyListOnlyWithBatchNorm() {
        GradientMeter meter = new GradientMeter();
        TorchModel m = new TorchEngine().build(Fixtures.mlp(true, 0.0), meter);
        Batch batch = m.batch(Fixtures.batch(m.spec(), 4, 1));
        m.recomputeRunningStatistics(List.of(batch, batch));
        assertEquals(2, meter.forwardCalls());
        assertEquals(0, meter.gradientCalls());
        assertThrows(InvalidParameterException.class, () -> m.recomputeRunningStatistics(List.of()));
        TorchModel plain = build(Fixtures.mlp(false, 0.0));
        plain.recomputeRunningStatistics(List.of());
    }

    @Test
    void applyingAnotherModelsStatisticsIsAnError() {
        TorchModel a = build(Fixtures.mlp(true, 0.0));
        TorchModel b = build(Fixtures.mlp(true, 0.0));
        StatisticsUpdate u = a.lossAndGradient(a.batch(Fixtures.batch(a.spec(), 4, 1))).statistics();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> b.applyStatistics(u));
        assertEquals("update", e.parameter());
        b.applyStatistics(StatisticsUpdate.NONE);
    }

    @Test
    void dropoutMasksAreFixedBySeed() {
        TorchModel m = build(Fixtures.lenet(false, 0.5));
        Batch batch = m.batch(Fixtures.batch(m.spec(), 4, 2));
        m.seedStochasticLayers(7);
        LossGradient a = m.lossAndGradient(batch);
        LossGradient b = m.lossAndGradient(batch);
        assertEquals(a.loss(), b.loss(), 0.0, "after one seed, every pass uses the same masks");
        assertTrue(bitwiseEqual(a.gradient(), b.gradient()));
        m.seedStochasticLayers(8);
        LossGradient c = m.lossAndGradient(batch);
        assertNotEquals(a.loss(), c.loss(), "another seed, other masks");
        m.seedStochasticLayers(7);
        assertEquals(a.loss(), m.loss(batch), 0.0, "the same seed again gives the same masks");
        TorchModel other = build(Fixtures.lenet(false, 0.5));
        other.seedStochasticLayers(7);
        assertEquals(a.loss(), other.lossAndGradient(other.batch(Fixtures.batch(m.spec(), 4, 2))).loss(), 0.0,
                "a second model of the same spec and seed draws the same masks");
        // inference has no dropout: predict equals a no-dropout forward of the same weights
        Predictions p = m.predict(batch, new GradientMeter());
        TrainableModel copy = m.measurementCopy(new GradientMeter());
        Predictions q = copy.predict(copy.batch(Fixtures.batch(m.spec(), 4, 2)), new GradientMeter());
        assertEquals(q.lossSum(), p.lossSum(), 1e-5);
        assertEquals(q.correct(), p.correct());
        assertEquals(4, p.positions());
    }

    @Test
    void theSameSpecGivesTheSameWeightsAndAnotherSeedOtherWeights() {
        ModelSpec spec = Fixtures.lenet(true, 0.0);
        assertTrue(bitwiseEqual(build(spec).params(), build(spec).params()));
        assertFalse(bitwiseEqual(build(spec).params(), build(spec.withSeed(spec.seed() + 1)).params()));
    }

    @Test
    void parametersSaveAndRestoreBitForBitAndTrainingResumesIdentically() {
        ModelSpec spec = Fixtures.lenet(true, 0.3);
        TorchModel straight = build(spec);
        List<Batch> batches = List.of(straight.batch(Fixtures.batch(spec, 4, 1)), straight.batch(Fixtures.batch(spec, 4, 2)));
        for (int step = 0; step < 6; step++) {
            sgdStep(straight, batches.get(step % 2), step);
        }
        TorchModel first = build(spec);
        for (int step = 0; step < 3; step++) {
            sgdStep(first, batches.get(step % 2), step);
        }
        double[] checkpoint = first.params().toDoubleArray(); // what a checkpoint file stores
        TorchModel resumed = build(spec.withSeed(12345)); // other initial weights, overwritten below
        FlatVector restored = resumed.params().like(checkpoint);
        resumed.setParams(restored);
        assertTrue(bitwiseEqual(first.params(), resumed.params()), "a float32 vector survives double[] exactly");
        for (int step = 3; step < 6; step++) {
            sgdStep(resumed, resumed.batch(Fixtures.batch(spec, 4, 1 + step % 2)), step);
        }
        assertTrue(bitwiseEqual(straight.params(), resumed.params()), "resumed training equals uninterrupted");
    }

    private static void sgdStep(TrainableModel m, Batch batch, int step) {
        m.seedStochasticLayers(1000 + step);
        LossGradient g = m.lossAndGradient(batch);
        m.setParams(m.params().subi(g.gradient().mul(0.05)));
        m.applyStatistics(g.statistics());
    }

    @Test
    void metersCountWhatTheInterfaceSays() {
        GradientMeter meter = new GradientMeter();
        TorchModel m = new TorchEngine().build(Fixtures.charLstm(0.0), meter);
        Batch batch = m.batch(Fixtures.batch(m.spec(), 3, 4));
        m.lossAndGradient(batch);
        m.loss(batch);
        GradientMeter inference = new GradientMeter();
        Predictions p = m.predict(batch, inference);
        assertEquals(1, meter.gradientCalls());
        assertEquals(1, meter.forwardCalls());
        assertEquals(1, inference.forwardCalls());
        assertEquals(3 * 4, p.positions(), "a sequence batch predicts every time step");
        assertEquals(3, meter.reading().gradientExamples());
    }

    @Test
    void sequenceLossIsTheMeanPerCharacter() {
        TorchModel m = (TorchModel) build(Fixtures.charLstm(0.0)).measurementCopy(new GradientMeter());
        Batch batch = m.batch(Fixtures.batch(m.spec(), 3, 4));
        Predictions p = m.predict(batch, new GradientMeter());
        assertEquals(p.lossSum() / p.positions(), m.loss(batch), 1e-12,
                "without dropout and BatchNorm the training loss is the inference loss per position");
    }

    @Test
    void badInputNamesTheFieldAndTheValue() {
        TorchModel m = build(Fixtures.mlp(true, 0.0));
        TorchModel other = build(Fixtures.lenet(false, 0.0));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> m.batch(Fixtures.batch(other.spec(), 2, 1)));
        assertEquals("batch.exampleShape", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> m.setParams(other.params()));
        assertEquals("params.length", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> m.setParams(m.measurementCopy(new GradientMeter()).params()));
        assertEquals("params.type", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> m.lossAndGradient(other.batch(Fixtures.batch(other.spec(), 2, 1))));
        assertEquals("batch.exampleShape", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> new TorchEngine("tpu"));
        assertEquals("device", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> build(new ModelSpec("lenet", new int[] {1, 12, 12}, 3, 0.0, false, 1.0, 5, 1)));
        assertEquals("inputShape", e.parameter());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> m.lossAndGradient(m.batch(Fixtures.batch(m.spec(), 1, 1))));
        assertTrue(one.getMessage().contains("at least 2 examples"), one.getMessage());
    }

    @Test
    void engineDescribesItself() {
        TorchEngine engine = new TorchEngine();
        assertEquals("torch", engine.name());
        var d = engine.describe();
        assertEquals("cpu", d.get("device"));
        assertEquals("AVX2", d.get("torch_cpu_capability"));
        assertEquals("false", d.get("torch_onednn"));
        TorchModel m = engine.build(Fixtures.mlp(false, 0.0), new GradientMeter());
        assertSame(org.bytedeco.pytorch.global.torch.ScalarType.Float, m.scalarType());
        FlatVector mask = m.trainableMask();
        assertArrayEquals(m.zeros().addi(1.0).toDoubleArray(), mask.toDoubleArray(), "no statistics: all trainable");
    }
}
