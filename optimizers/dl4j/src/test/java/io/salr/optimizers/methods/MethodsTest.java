package io.salr.optimizers.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.LossGradient;
import static io.salr.optimizers.dl4j.TinyNets.array;
import static io.salr.optimizers.dl4j.TinyNets.vector;

import io.salr.optimizers.dl4j.Dl4jBatch;
import io.salr.optimizers.dl4j.Dl4jModel;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.dl4j.TinyNets;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import io.salr.validation.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

class MethodsTest {

    private static final DataType D = DataType.DOUBLE;

    private static Dl4jModel mlp(long seed) {
        return Dl4jModel.of(TinyNets.mlp(seed, D), new GradientMeter());
    }

    private static BatchSupplier batches(long seed, int b) {
        long[] next = {seed};
        return () -> TinyNets.data(next[0]++, b, D);
    }

    private static double[] gradientAt(Dl4jModel net, double[] theta, Batch batch) {
        INDArray saved = array(net.params());
        net.setParams(vector(org.nd4j.linalg.factory.Nd4j.createFromArray(theta)));
        double[] g = net.lossAndGradient(batch).gradient().toDoubleArray();
        net.setParams(vector(saved));
        return g;
    }

    private static void assertClose(double[] expected, INDArray actual, double tol) {
        assertArrayEquals(expected, actual.toDoubleVector(), tol);
    }

    @Test
    void sgdWithMomentumWeightDecayAndStepDecayMatchesAPlainJavaReference() {
        Dl4jModel net = mlp(1);
        BaseSchedule schedule = new BaseSchedule.StepDecay(0.5, 0.2, 2);
        TrainingMethod sgd = new GradientMethodConfig(new SgdConfig(0.9, 0.01), new ScheduledRate(schedule)).create(7);
        double[] theta = array(net.params()).toDoubleVector();
        double[] buffer = new double[theta.length];
        for (int k = 0; k < 4; k++) {
            Dl4jBatch batch = TinyNets.data(100 + k, 5, D);
            double[] g = gradientAt(net, theta, batch);
            double eta = k < 2 ? 0.5 : 0.1;
            for (int i = 0; i < theta.length; i++) {
                buffer[i] = 0.9 * buffer[i] + g[i] + 0.01 * theta[i];
                theta[i] -= eta * buffer[i];
            }
            StepRecord r = sgd.step(net, batch, null, k);
            assertEquals(eta, r.learningRate(), 1e-15);
            assertEquals(1, r.cost().gradientCalls());
            assertClose(theta, array(net.params()), 1e-12);
        }
    }

    @Test
    void adamMatchesTheStandardBiasCorrectedReference() {
        Dl4jModel net = mlp(2);
        double lr = 0.05;
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-3;
        double wd = 0.02;
        TrainingMethod adam = new GradientMethodConfig(new AdamConfig(b1, b2, eps, wd),
                new ScheduledRate(new BaseSchedule.Constant(lr))).create(7);
        double[] theta = array(net.params()).toDoubleVector();
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        for (int k = 0; k < 3; k++) {
            Dl4jBatch batch = TinyNets.data(200 + k, 4, D);
            double[] g = gradientAt(net, theta, batch);
            for (int i = 0; i < theta.length; i++) {
                double d = g[i] + wd * theta[i];
                m[i] = b1 * m[i] + (1 - b1) * d;
                v[i] = b2 * v[i] + (1 - b2) * d * d;
                double mHat = m[i] / (1 - Math.pow(b1, k + 1));
                double vHat = v[i] / (1 - Math.pow(b2, k + 1));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.step(net, batch, null, k);
            assertClose(theta, array(net.params()), 1e-12);
        }
    }

    @Test
    void sgdStepEqualsDl4jFitOnABatchNormNetworkIncludingRunningStatistics() {
        double lr = 0.3;
        MultiLayerNetwork ours = TinyNets.batchNormMlp(3, D, new Sgd(lr));
        MultiLayerNetwork theirs = TinyNets.batchNormMlp(3, D, new Sgd(lr));
        Dl4jModel net = Dl4jModel.of(ours, new GradientMeter());
        TrainingMethod sgd = new GradientMethodConfig(SgdConfig.plain(),
                new ScheduledRate(new BaseSchedule.Constant(lr))).create(1);
        for (int k = 0; k < 3; k++) {
            Dl4jBatch batch = TinyNets.data(300 + k, 6, D);
            sgd.step(net, batch, null, k);
            theirs.fit(batch.data());
            assertTrue(array(theirs.params()).equalsWithEps(array(ours.params()), 1e-10), "after step " + k);
        }
        assertFalse(ours.getLayer(1).getParam("mean").equalsWithEps(
                TinyNets.batchNormMlp(3, D, new Sgd(lr)).getLayer(1).getParam("mean"), 1e-6), "statistics moved");
    }

    @Test
    void sgdStepEqualsDl4jFitOnAResidualGraphWithBatchNorm() {
        double lr = 0.3;
        ComputationGraph ours = TinyNets.batchNormResidualGraph(5, D, new Sgd(lr));
        ComputationGraph theirs = TinyNets.batchNormResidualGraph(5, D, new Sgd(lr));
        Dl4jModel net = Dl4jModel.of(ours, new GradientMeter());
        assertTrue(net.hasRunningStatistics());
        TrainingMethod sgd = new GradientMethodConfig(SgdConfig.plain(),
                new ScheduledRate(new BaseSchedule.Constant(lr))).create(1);
        for (int k = 0; k < 3; k++) {
            Dl4jBatch batch = TinyNets.data(400 + k, 6, D);
            sgd.step(net, batch, null, k);
            theirs.fit(batch.data());
            assertTrue(array(theirs.params()).equalsWithEps(array(ours.params()), 1e-10), "after step " + k);
        }
        assertFalse(ours.getLayer("bn").getParam("mean").equalsWithEps(
                TinyNets.batchNormResidualGraph(5, D, new Sgd(lr)).getLayer("bn").getParam("mean"), 1e-6), "statistics moved");
    }

    @Test
    void salrProbesOnAResidualGraphRestoreParametersAndStatisticsExactly() {
        ComputationGraph graph = TinyNets.batchNormResidualGraph(6, D, new Sgd(0.1));
        Dl4jModel net = Dl4jModel.of(graph, new GradientMeter());
        INDArray before = array(net.params());
        for (StochasticSharpnessConfig.Normalization n : StochasticSharpnessConfig.Normalization.values()) {
            double s = new StochasticSharpness(new StochasticSharpnessConfig(new SharpnessConfig(0.05, 3, 3), n,
                    StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.RANDOM_DIRECTION))
                    .estimate(net, TinyNets.data(7, 6, D), RandomSource.XO_RO_SHI_RO_128_PP.create(1L)).sHat();
            assertTrue(Double.isFinite(s) && s > 0, n + ": S_hat " + s);
            assertEquals(before, array(net.params()), n + ": parameters and running statistics restored bit for bit");
        }
    }

    @Test
    void dl4jAdamIsTheEfficientFormWithEpsilonOutsideTheBiasCorrection() {
        double lr = 0.01;
        for (double eps : new double[] {1e-8, 0.1}) {
            MultiLayerNetwork theirs = TinyNets.mlp(4, D, new Adam(lr, 0.9, 0.999, eps));
            Dl4jModel probe = Dl4jModel.of(TinyNets.mlp(4, D), new GradientMeter());
            Dl4jModel ours = Dl4jModel.of(TinyNets.mlp(4, D), new GradientMeter());
            TrainingMethod adam = new GradientMethodConfig(new AdamConfig(0.9, 0.999, eps, 0),
                    new ScheduledRate(new BaseSchedule.Constant(lr))).create(1);
            double[] theta = array(theirs.params()).toDoubleVector();
            double[] m = new double[theta.length];
            double[] v = new double[theta.length];
            double maxDiff = 0;
            for (int k = 0; k < 3; k++) {
                Dl4jBatch batch = TinyNets.data(400 + k, 5, D);
                double[] g = gradientAt(probe, theta, batch);
                double alpha = lr * Math.sqrt(1 - Math.pow(0.999, k + 1)) / (1 - Math.pow(0.9, k + 1));
                for (int i = 0; i < theta.length; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    theta[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
                }
                theirs.fit(batch.data());
                assertClose(theta, array(theirs.params()), 1e-12);
                adam.step(ours, batch, null, k);
                maxDiff = Math.max(maxDiff, array(theirs.params()).sub(array(ours.params())).amaxNumber().doubleValue());
            }
            if (eps == 1e-8) {
                assertTrue(maxDiff < 1e-5, "the forms nearly agree for tiny epsilon: " + maxDiff);
            } else {
                assertTrue(maxDiff > 1e-4, "the forms differ when epsilon matters: " + maxDiff);
            }
        }
    }

    @Test
    void samMatchesAReferenceAndCostsTwoGradientCallsPerStep() {
        Dl4jModel net = mlp(5);
        double rho = 0.05;
        double lr = 0.2;
        TrainingMethod sam = new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(lr), rho).create(1);
        for (int k = 0; k < 2; k++) {
            Dl4jBatch batch = TinyNets.data(500 + k, 4, D);
            double[] theta = array(net.params()).toDoubleVector();
            double[] g = gradientAt(net, theta, batch);
            double norm = 0;
            for (double x : g) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double[] perturbed = theta.clone();
            for (int i = 0; i < theta.length; i++) {
                perturbed[i] += rho * g[i] / norm;
            }
            double[] gSharp = gradientAt(net, perturbed, batch);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * gSharp[i];
            }
            StepRecord r = sam.step(net, batch, null, k);
            assertEquals(new MeterReading(2, 8, 0, 0), r.cost());
            assertClose(theta, array(net.params()), 1e-12);
        }
    }

    @Test
    void samMovesBatchNormStatisticsOnceLikeOneSgdStep() {
        Dl4jBatch batch = TinyNets.data(600, 6, D);
        Dl4jModel samNet = Dl4jModel.of(TinyNets.batchNormMlp(6, D, new Sgd(0.1)), new GradientMeter());
        Dl4jModel sgdNet = Dl4jModel.of(TinyNets.batchNormMlp(6, D, new Sgd(0.1)), new GradientMeter());
        new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.1), 0.5).create(1).step(samNet, batch, null, 0);
        new GradientMethodConfig(SgdConfig.plain(), new ScheduledRate(new BaseSchedule.Constant(0.1))).create(1)
                .step(sgdNet, batch, null, 0);
        INDArray statistics = array(samNet.trainableMask()).rsub(1.0);
        INDArray before = array(Dl4jModel.of(TinyNets.batchNormMlp(6, D, new Sgd(0.1)), new GradientMeter()).params());
        assertEquals(array(sgdNet.params()).mul(statistics), array(samNet.params()).mul(statistics));
        assertFalse(before.mul(statistics).equals(array(samNet.params()).mul(statistics)));
    }

    @Test
    void stochasticSharpnessBatchNormalizationMatchesAReferenceWalk() {
        Dl4jModel net = mlp(7);
        Dl4jBatch batch = TinyNets.data(700, 5, D);
        double gamma = 0.1;
        StochasticSharpness probe = new StochasticSharpness(new StochasticSharpnessConfig(
                new SharpnessConfig(gamma, 2, 3), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.STOP));
        double[] theta = array(net.params()).toDoubleVector();
        double[][] ends = new double[2][];
        int[] steps = {2, 3};
        double[] signs = {-1, 1};
        for (int c = 0; c < 2; c++) {
            double[] p = theta.clone();
            for (int s = 0; s < steps[c]; s++) {
                double[] g = gradientAt(net, p, batch);
                double norm = 0;
                for (double x : g) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < p.length; i++) {
                    p[i] += signs[c] * gamma * g[i] / norm;
                }
            }
            ends[c] = p;
        }
        net.setParams(vector(org.nd4j.linalg.factory.Nd4j.createFromArray(ends[1])));
        double fPlus = net.loss(batch);
        net.setParams(vector(org.nd4j.linalg.factory.Nd4j.createFromArray(ends[0])));
        double fMinus = net.loss(batch);
        net.setParams(vector(org.nd4j.linalg.factory.Nd4j.createFromArray(theta)));
        double expected = fPlus - fMinus;
        assertEquals(expected, probe.estimate(net, batch, RandomStreams.named(1, "probe")).sHat(), 1e-12);
        assertTrue(expected > 0);
    }

    @Test
    void probesRestoreParametersBitForBitAndLeaveBatchNormStatisticsUntouched() {
        Dl4jModel net = Dl4jModel.of(TinyNets.batchNormMlp(8, DataType.FLOAT, new Sgd(0.1)),
                new GradientMeter());
        Dl4jBatch batch = TinyNets.data(800, 4, DataType.FLOAT);
        INDArray before = array(net.params());
        for (StochasticSharpnessConfig.Normalization n : StochasticSharpnessConfig.Normalization.values()) {
            StochasticSharpness probe = new StochasticSharpness(new StochasticSharpnessConfig(
                    new SharpnessConfig(0.05, 2, 2), n, StochasticSharpnessConfig.ProbeBatch.STEP,
                    ZeroGradientPolicy.RANDOM_DIRECTION));
            double s = probe.estimate(net, batch, RandomStreams.named(1, "probe")).sHat();
            assertTrue(Double.isFinite(s));
            assertEquals(before, array(net.params()), n + " probe restores every entry exactly");
        }
    }

    @Test
    void meterCountsMatchHandCountsForEveryMethod() {
        int b = 4;
        SharpnessConfig sc = new SharpnessConfig(0.05, 2, 3);
        BaseSchedule constant = new BaseSchedule.Constant(0.1);
        SalrRate batchSalr = new SalrRate(SalrScheduleConfig.of(0.1, 2), new StochasticSharpnessConfig(sc,
                StochasticSharpnessConfig.Normalization.BATCH, StochasticSharpnessConfig.ProbeBatch.FRESH,
                ZeroGradientPolicy.STOP));
        SalrRate perExample = new SalrRate(SalrScheduleConfig.of(0.1, 2), StochasticSharpnessConfig.algorithm2(sc));
        SalrRate stepSalr = new SalrRate(SalrScheduleConfig.of(0.1, 2), StochasticSharpnessConfig.batchNormalized(sc));
        record Case(MethodConfig config, long[] gradientCalls, long[] forwardCalls) {
        }
        List<Case> cases = List.of(
                new Case(new GradientMethodConfig(SgdConfig.plain(), new ScheduledRate(constant)),
                        new long[] {1, 1, 1}, new long[] {0, 0, 0}),
                new Case(new GradientMethodConfig(AdamConfig.defaults(), new ScheduledRate(constant)),
                        new long[] {1, 1, 1}, new long[] {0, 0, 0}),
                new Case(new SamConfig(SgdConfig.plain(), constant, 0.05), new long[] {2, 2, 2}, new long[] {0, 0, 0}),
                // fresh probe batch: the direction at theta on it starts both chains (1 + 1 + 2), the update pays its own
                new Case(new GradientMethodConfig(SgdConfig.plain(), batchSalr),
                        new long[] {1 + 4, 1, 1 + 4}, new long[] {2, 0, 2}),
                // probe on the step's batch: the update's pass is the first direction of both chains (1 + 1 + 2)
                new Case(new GradientMethodConfig(SgdConfig.plain(), stepSalr),
                        new long[] {4, 1, 4}, new long[] {2, 0, 2}),
                // Algorithm 2 on an MLP: each of the 4 directions is one pass (norms and direction from the same
                // stored layer tensors); the first direction's pass is the update's gradient
                new Case(new GradientMethodConfig(AdamConfig.defaults(), perExample),
                        new long[] {4, 1, 4}, new long[] {2, 0, 2}),
                new Case(new EntropySgdConfig(SgdConfig.plain(), new ScheduledRate(constant), 3, 0.1, 1e-4, 0.03,
                        0.001, 0, 0.75), new long[] {3, 3, 3}, new long[] {0, 0, 0}),
                new Case(new EntropySgdConfig(AdamConfig.defaults(), batchSalr, 3, 0.1, 1e-4, 0.03, 0.001, 0, 0.75),
                        new long[] {3 + 4, 3, 3 + 4}, new long[] {2, 0, 2}),
                // the first Langevin pass (at x on the step's batch) is the probe's first direction
                new Case(new EntropySgdConfig(SgdConfig.plain(), stepSalr, 3, 0.1, 1e-4, 0.03, 0.001, 0, 0.75),
                        new long[] {3 + 3, 3, 3 + 3}, new long[] {2, 0, 2}),
                new Case(new SwaConfig(SgdConfig.plain(), constant, 1, 0.1, 0.05, 1), new long[] {1, 1, 1},
                        new long[] {0, 0, 0}));
        for (Case c : cases) {
            Dl4jModel net = mlp(9);
            TrainingMethod method = c.config().create(3);
            BatchSupplier fresh = batches(900, b);
            for (int k = 0; k < 3; k++) {
                StepRecord r = method.step(net, TinyNets.data(950 + k, b, D), fresh, k);
                assertFalse(r.diverged(), c.config().name());
                assertEquals(c.gradientCalls()[k], r.cost().gradientCalls(), c.config().name() + " step " + k);
                assertEquals(c.forwardCalls()[k], r.cost().forwardCalls(), c.config().name() + " step " + k);
                assertEquals(k % 2 == 0 && c.config().name().contains("SALR"),
                        r.sharpness().isPresent(), c.config().name());
            }
        }
    }

    @Test
    void salrLearningRateRisesWhenTheIterateMovesToASharperRegion() {
        Dl4jModel net = mlp(10);
        double eta0 = 0.1;
        SalrRate salr = new SalrRate(SalrScheduleConfig.of(eta0, 1), new StochasticSharpnessConfig(
                new SharpnessConfig(0.5, 2, 2), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.STOP));
        TrainingMethod method = new GradientMethodConfig(SgdConfig.plain(), salr).create(1);
        Dl4jBatch batch = TinyNets.data(1000, 8, D);
        INDArray flat = array(net.params()).muli(0.1);
        net.setParams(vector(flat));
        StepRecord first = method.step(net, batch, null, 0);
        assertEquals(eta0, first.learningRate(), 1e-15, "first multiplier is S/median(S) = 1");
        net.setParams(vector(flat.mul(40)));
        StepRecord second = method.step(net, batch, null, 1);
        double s0 = first.sharpness().orElseThrow();
        double s1 = second.sharpness().orElseThrow();
        assertTrue(s1 > s0, s1 + " > " + s0);
        assertEquals(eta0 * s1 / ((s0 + s1) / 2), second.learningRate(), 1e-12);
        assertTrue(second.learningRate() > eta0);
    }

    /**
     * Entropy-SGD without noise against the authors' reference code, transcribed step by step from
     * entropyoptim.lua (github.com/ucla-vision/entropy-sgd; SGLD without its momentum, which Algorithm 1
     * does not have): {@code t = t + 1; g = gamma (1 + scoping)^t;} per Langevin step
     * {@code ldfdx = grad(lx) + (-g)(xc - lx); lx = lx - lclr ldfdx; lmx = beta1 lmx + (1 - beta1) lx}; then
     * {@code w = xc - lmx} is the gradient of the outer SGD step {@code x = x - lr w}. Run once uncapped and
     * once with a cap below gamma_1, which must replace g.
     */
    @Test
    void entropySgdWithoutNoiseMatchesTheReferenceCode() {
        for (double cap : new double[] {0.0, 0.02}) {
            Dl4jModel net = mlp(11);
            double lr = 0.5;
            double lclr = 0.1;
            double gamma = 0.03;
            double scoping = 0.001;
            double beta1 = 0.75;
            int steps = 3;
            TrainingMethod method = new EntropySgdConfig(SgdConfig.plain(),
                    new ScheduledRate(new BaseSchedule.Constant(lr)), steps, lclr, 0.0, gamma, scoping, cap, beta1)
                    .create(1);
            int t = 0;
            for (int k = 0; k < 3; k++) {
                Dl4jBatch batch = TinyNets.data(1100 + 10 * k, 4, D);
                List<Batch> inner = new ArrayList<>();
                inner.add(batch);
                for (int l = 1; l < steps; l++) {
                    inner.add(TinyNets.data(1100 + 10 * k + l, 4, D));
                }
                t = t + 1;
                double g = gamma * Math.pow(1 + scoping, t);
                if (cap > 0) {
                    g = Math.min(g, cap);
                }
                double[] xc = array(net.params()).toDoubleVector();
                double[] lx = xc.clone();
                double[] lmx = xc.clone();
                for (int l = 0; l < steps; l++) {
                    double[] ldfdx = gradientAt(net, lx, inner.get(l));
                    for (int i = 0; i < xc.length; i++) {
                        ldfdx[i] += -g * (xc[i] - lx[i]);
                        lx[i] += -lclr * ldfdx[i];
                        lmx[i] = beta1 * lmx[i] + (1 - beta1) * lx[i];
                    }
                }
                double[] x = xc.clone();
                for (int i = 0; i < x.length; i++) {
                    double w = xc[i] - lmx[i];
                    x[i] -= lr * w;
                }
                int[] next = {1};
                StepRecord r = method.step(net, batch, () -> inner.get(next[0]++), k);
                assertEquals(steps, r.cost().gradientCalls());
                assertClose(x, array(net.params()), 1e-12);
            }
        }
    }

    @Test
    void swaAveragesFromTheStartIterationAndRecomputesBatchNormStatisticsAtTheEnd() {
        GradientMeter meter = new GradientMeter();
        MultiLayerNetwork network = TinyNets.batchNormMlp(12, D, new Sgd(0.1));
        Dl4jModel net = Dl4jModel.of(network, meter);
        SwaConfig config = new SwaConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.2), 2, 0.1, 0.05, 2);
        assertEquals(0.2, config.rateAt(1), 0);
        assertEquals(0.075, config.rateAt(2), 1e-15);
        assertEquals(0.05, config.rateAt(3), 1e-15);
        Swa swa = (Swa) config.create(1);
        INDArray expected = null;
        for (int k = 0; k < 6; k++) {
            StepRecord r = swa.step(net, TinyNets.data(1200 + k, 5, D), null, k);
            assertEquals(config.rateAt(k), r.learningRate(), 0);
            if (k == 3 || k == 5) {
                expected = expected == null ? array(net.params()) : expected.add(array(net.params())).divi(2);
            }
        }
        assertEquals(2, swa.averagedModels());
        List<Batch> training = List.of(TinyNets.data(1300, 5, D), TinyNets.data(1301, 5, D));
        long before = meter.gradientCalls();
        swa.finish(net, training);
        assertEquals(2, meter.gradientCalls() - before, "one pass per training batch for the BN recompute");
        INDArray mask = array(net.trainableMask());
        assertTrue(expected.mul(mask).equalsWithEps(array(net.params()).mul(mask), 1e-12), "weights are the average");
        INDArray expectedMean = network.feedForward(((Dl4jBatch) training.get(0)).data().getFeatures(), true).get(1).mean(0)
                .addi(network.feedForward(((Dl4jBatch) training.get(1)).data().getFeatures(), true).get(1).mean(0)).divi(2);
        assertTrue(expectedMean.equalsWithEps(network.getLayer(1).getParam("mean"), 1e-10));
    }

    @Test
    void snapshotAndRestoreContinueBitForBit() {
        SalrRate salr = new SalrRate(SalrScheduleConfig.of(0.1, 2), new StochasticSharpnessConfig(
                new SharpnessConfig(0.05, 1, 1), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.RANDOM_DIRECTION));
        List<MethodConfig> configs = List.of(
                new GradientMethodConfig(new SgdConfig(0.9, 1e-3), new ScheduledRate(new BaseSchedule.Constant(0.1))),
                new GradientMethodConfig(AdamConfig.defaults(), salr),
                new EntropySgdConfig(new SgdConfig(0.5, 0), salr, 2, 0.1, 1e-2, 0.03, 0.001, 0, 0.75),
                new SwaConfig(AdamConfig.defaults(), new BaseSchedule.Constant(0.01), 1, 0.01, 0.01, 1));
        for (MethodConfig config : configs) {
            Dl4jModel net = mlp(13);
            TrainingMethod method = config.create(5);
            for (int k = 0; k < 3; k++) {
                method.step(net, TinyNets.data(1400 + k, 4, D), batches(1500 + 10 * k, 4), k);
            }
            MethodState state = method.snapshot();
            INDArray params = array(net.params());
            for (int k = 3; k < 6; k++) {
                method.step(net, TinyNets.data(1400 + k, 4, D), batches(1500 + 10 * k, 4), k);
            }
            INDArray direct = array(net.params());
            TrainingMethod resumed = config.create(99);
            resumed.restore(state, net.zeros());
            net.setParams(vector(params));
            for (int k = 3; k < 6; k++) {
                resumed.step(net, TinyNets.data(1400 + k, 4, D), batches(1500 + 10 * k, 4), k);
            }
            assertEquals(direct, array(net.params()), config.name());
        }
    }

    @Test
    void aNonFiniteLossIsReportedAndTheStepIsNotApplied() {
        Dl4jModel net = mlp(14);
        Dl4jBatch batch = TinyNets.data(1600, 4, D);
        batch.data().getFeatures().putScalar(0, 0, Double.NaN);
        INDArray before = array(net.params());
        for (MethodConfig config : List.of(
                new GradientMethodConfig(SgdConfig.plain(), new ScheduledRate(new BaseSchedule.Constant(0.1))),
                new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.1), 0.05),
                new GradientMethodConfig(SgdConfig.plain(), new SalrRate(SalrScheduleConfig.of(0.1, 1),
                        StochasticSharpnessConfig.algorithm2(new SharpnessConfig(0.05, 1, 1)))))) {
            StepRecord r = config.create(1).step(net, batch, null, 0);
            assertTrue(r.diverged(), config.name());
            assertTrue(r.divergence().orElseThrow().length() > 0);
            assertEquals(before, array(net.params()), config.name());
        }
    }

    @Test
    void configsAreValidatedAndDescribeEveryOption() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new SgdConfig(1.0, 0));
        assertEquals("momentum", e.parameter());
        assertEquals("1.0", e.value());
        assertEquals("rho", assertThrows(InvalidParameterException.class,
                () -> new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.1), 0)).parameter());
        assertEquals("swa_lr_min", assertThrows(InvalidParameterException.class,
                () -> new SwaConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.1), 0, 0.1, 0.2, 1)).parameter());
        assertEquals("langevin_steps", assertThrows(InvalidParameterException.class,
                () -> new EntropySgdConfig(SgdConfig.plain(), new ScheduledRate(new BaseSchedule.Constant(1)), 0,
                        0.1, 1e-4, 0.03, 0.001, 0, 0.75)).parameter());
        SalrRate salr = new SalrRate(SalrScheduleConfig.of(0.1, 2),
                StochasticSharpnessConfig.algorithm2(new SharpnessConfig(0.01, 5, 5)));
        MethodConfig entropyAdamSalr = new EntropySgdConfig(AdamConfig.defaults(), salr, 5, 0.1, 1e-4, 0.03,
                0.001, 0, 0.75);
        assertEquals("Entropy-Adam-SALR", entropyAdamSalr.name());
        assertEquals("SGD-SALR", new GradientMethodConfig(SgdConfig.plain(), salr).name());
    }
}
