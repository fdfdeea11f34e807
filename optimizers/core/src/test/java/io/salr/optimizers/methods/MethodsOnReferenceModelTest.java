package io.salr.optimizers.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.ArrayVector;
import io.salr.optimizers.engine.Batch;
import io.salr.optimizers.engine.HostBatch;
import io.salr.optimizers.engine.RecordingModel;
import io.salr.optimizers.engine.ReferenceMlp;
import io.salr.optimizers.engine.TrainableModel;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.sharpness.ZeroGradientPolicy;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * The training methods (SGD, Adam, SAM, SWA, Entropy-SGD, SGD-SALR's schedule and probes) on the plain-Java
 * reference network, in core and without any engine: closed forms where a step has one (one SGD step,
 * Adam's first step, SAM's perturbation of length rho, a batch-normalized probe step of length gamma),
 * plain-Java re-computations of several steps otherwise, and the meter's hand counts. The same methods are
 * checked on DL4J networks in the DL4J module (with BatchNorm and DL4J's own fit()).
 */
class MethodsOnReferenceModelTest {

    private static final int INPUTS = 4;
    private static final int HIDDEN = 3;
    private static final int CLASSES = 3;

    private static ReferenceMlp mlp(long seed) {
        return new ReferenceMlp(INPUTS, HIDDEN, CLASSES, seed, new GradientMeter());
    }

    private static HostBatch host(long seed, int b) {
        return ReferenceMlp.images(b, INPUTS, CLASSES, seed);
    }

    private static Batch data(TrainableModel m, long seed, int b) {
        return m.batch(host(seed, b));
    }

    private static BatchSupplier batches(TrainableModel m, long seed, int b) {
        long[] next = {seed};
        return () -> data(m, next[0]++, b);
    }

    private static double[] theta(TrainableModel m) {
        return m.params().toDoubleArray();
    }

    /** The mean gradient at {@code p} on {@code batch}, the model's parameters left as they were. */
    private static double[] gradientAt(TrainableModel m, double[] p, Batch batch) {
        double[] saved = theta(m);
        m.setParams(ArrayVector.of(p));
        double[] g = m.lossAndGradient(batch).gradient().toDoubleArray();
        m.setParams(ArrayVector.of(saved));
        return g;
    }

    private static double lossAt(TrainableModel m, double[] p, Batch batch) {
        double[] saved = theta(m);
        m.setParams(ArrayVector.of(p));
        double f = m.loss(batch);
        m.setParams(ArrayVector.of(saved));
        return f;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static TrainingMethod sgd(double eta) {
        return new GradientMethodConfig(SgdConfig.plain(), new ScheduledRate(new BaseSchedule.Constant(eta))).create(1);
    }

    /** One plain SGD step is theta - eta g, and costs one gradient call over the batch. */
    @Property(tries = 20)
    void oneSgdStepIsThetaMinusEtaTimesTheGradient(@ForAll @LongRange(min = 0, max = 100_000) long seed,
            @ForAll @DoubleRange(min = 0.001, max = 2) @Scale(4) double eta, @ForAll @IntRange(min = 1, max = 6) int b) {
        ReferenceMlp net = mlp(seed);
        Batch batch = data(net, seed + 1, b);
        double[] theta = theta(net);
        double[] g = gradientAt(net, theta, batch);
        double loss = lossAt(net, theta, batch);
        StepRecord r = sgd(eta).step(net, batch, null, 0);
        double[] expected = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            expected[i] = theta[i] - eta * g[i];
        }
        assertArrayEquals(expected, theta(net), 1e-15);
        assertEquals(eta, r.learningRate(), 0.0);
        assertEquals(loss, r.loss(), 1e-15, "the record holds the loss at theta_k");
        assertEquals(new MeterReading(1, b, 0, 0), r.cost());
    }

    /**
     * Adam's first step: the bias-corrected moments are g and g^2, so each weight moves by
     * -eta g_i / (|g_i| + epsilon), at most eta.
     */
    @Property(tries = 20)
    void adamsFirstStepMovesEachWeightByEtaTimesGOverAbsGPlusEpsilon(
            @ForAll @LongRange(min = 0, max = 100_000) long seed,
            @ForAll @DoubleRange(min = 0.0001, max = 0.1) @Scale(6) double eta,
            @ForAll @DoubleRange(min = 1e-8, max = 1e-2) @Scale(10) double epsilon) {
        ReferenceMlp net = mlp(seed);
        Batch batch = data(net, seed + 1, 4);
        double[] theta = theta(net);
        double[] g = gradientAt(net, theta, batch);
        TrainingMethod adam = new GradientMethodConfig(new AdamConfig(0.9, 0.999, epsilon, 0),
                new ScheduledRate(new BaseSchedule.Constant(eta))).create(1);
        adam.step(net, batch, null, 0);
        double[] after = theta(net);
        for (int i = 0; i < theta.length; i++) {
            double step = eta * g[i] / (Math.abs(g[i]) + epsilon);
            assertEquals(theta[i] - step, after[i], 1e-12 * eta, "weight " + i);
            assertTrue(Math.abs(after[i] - theta[i]) <= eta * (1 + 1e-12), "a first Adam step moves at most eta");
        }
    }

    @Example
    void sgdWithMomentumWeightDecayAndStepDecayMatchesAPlainJavaReference() {
        ReferenceMlp net = mlp(1);
        BaseSchedule schedule = new BaseSchedule.StepDecay(0.5, 0.2, 2);
        TrainingMethod sgd = new GradientMethodConfig(new SgdConfig(0.9, 0.01), new ScheduledRate(schedule)).create(7);
        double[] theta = theta(net);
        double[] buffer = new double[theta.length];
        for (int k = 0; k < 4; k++) {
            Batch batch = data(net, 100 + k, 5);
            double[] g = gradientAt(net, theta, batch);
            double eta = k < 2 ? 0.5 : 0.1;
            for (int i = 0; i < theta.length; i++) {
                buffer[i] = 0.9 * buffer[i] + g[i] + 0.01 * theta[i];
                theta[i] -= eta * buffer[i];
            }
            StepRecord r = sgd.step(net, batch, null, k);
            assertEquals(eta, r.learningRate(), 1e-15);
            assertEquals(1, r.cost().gradientCalls());
            assertArrayEquals(theta, theta(net), 1e-12, "after step " + k);
        }
    }

    @Example
    void adamMatchesTheStandardBiasCorrectedReference() {
        ReferenceMlp net = mlp(2);
        double lr = 0.05;
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-3;
        double wd = 0.02;
        TrainingMethod adam = new GradientMethodConfig(new AdamConfig(b1, b2, eps, wd),
                new ScheduledRate(new BaseSchedule.Constant(lr))).create(7);
        double[] theta = theta(net);
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        for (int k = 0; k < 3; k++) {
            Batch batch = data(net, 200 + k, 4);
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
            assertArrayEquals(theta, theta(net), 1e-12, "after step " + k);
        }
    }

    /**
     * SAM evaluates the gradient at theta + rho g / ||g||, a point at distance exactly rho from theta, steps
     * with that gradient from theta, and pays two gradient calls.
     */
    @Property(tries = 15)
    void samTakesItsGradientAtDistanceRhoAlongTheGradient(@ForAll @LongRange(min = 0, max = 100_000) long seed,
            @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(4) double rho, @ForAll @IntRange(min = 1, max = 5) int b) {
        RecordingModel net = new RecordingModel(mlp(seed));
        Batch batch = data(net, seed + 1, b);
        double lr = 0.2;
        double[] theta = theta(net);
        double[] g = gradientAt(net, theta, batch);
        double gNorm = norm(g);
        double[] perturbed = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            perturbed[i] += rho * g[i] / gNorm;
        }
        double[] gSharp = gradientAt(net, perturbed, batch);
        net.clear();
        StepRecord r = new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(lr), rho).create(1)
                .step(net, batch, null, 0);
        List<double[]> points = net.points();
        assertTrue(points.size() >= 2, "SAM moves to the perturbed point and back: " + points.size());
        assertEquals(rho, distance(points.get(0), theta), 1e-12 * Math.max(1, rho), "the perturbation has length rho");
        assertArrayEquals(perturbed, points.get(0), 1e-15, "along the batch gradient");
        double[] expected = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            expected[i] -= lr * gSharp[i];
        }
        assertArrayEquals(expected, theta(net), 1e-14);
        assertEquals(new MeterReading(2, 2L * b, 0, 0), r.cost());
    }

    @Example
    void swaAveragesTheIteratesOfItsCyclesFromTheStartIteration() {
        GradientMeter meter = new GradientMeter();
        ReferenceMlp net = new ReferenceMlp(INPUTS, HIDDEN, CLASSES, 12, meter);
        SwaConfig config = new SwaConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.2), 2, 0.1, 0.05, 2);
        assertEquals(0.2, config.rateAt(1), 0);
        assertEquals(0.075, config.rateAt(2), 1e-15);
        assertEquals(0.05, config.rateAt(3), 1e-15);
        Swa swa = (Swa) config.create(1);
        double[] sum = new double[Math.toIntExact(net.numParams())];
        for (int k = 0; k < 6; k++) {
            StepRecord r = swa.step(net, data(net, 1200 + k, 5), null, k);
            assertEquals(config.rateAt(k), r.learningRate(), 0);
            if (k == 3 || k == 5) {
                double[] t = theta(net);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += t[i] / 2;
                }
            }
        }
        assertEquals(2, swa.averagedModels());
        long before = meter.gradientCalls() + meter.forwardCalls();
        swa.finish(net, List.of(data(net, 1300, 5)));
        assertEquals(before, meter.gradientCalls() + meter.forwardCalls(), "no BatchNorm: the finish costs nothing");
        assertArrayEquals(sum, theta(net), 1e-12, "the weights are the average of the cycle ends");
    }

    /**
     * Entropy-SGD without noise against the authors' reference code (entropyoptim.lua, as in the DL4J
     * module's test): per Langevin step {@code ldfdx = grad(lx) - g (xc - lx); lx -= lclr ldfdx;
     * lmx = beta1 lmx + (1 - beta1) lx}, then the outer step {@code x -= lr (xc - lmx)}.
     */
    @Example
    void entropySgdWithoutNoiseMatchesTheReferenceCode() {
        for (double cap : new double[] {0.0, 0.02}) {
            ReferenceMlp net = mlp(11);
            double lr = 0.5;
            double lclr = 0.1;
            double gamma = 0.03;
            double scoping = 0.001;
            double beta1 = 0.75;
            int steps = 3;
            TrainingMethod method = new EntropySgdConfig(SgdConfig.plain(),
                    new ScheduledRate(new BaseSchedule.Constant(lr)), steps, lclr, 0.0, gamma, scoping, cap, beta1)
                    .create(1);
            for (int k = 0; k < 3; k++) {
                Batch batch = data(net, 1100 + 10 * k, 4);
                List<Batch> inner = new ArrayList<>();
                inner.add(batch);
                for (int l = 1; l < steps; l++) {
                    inner.add(data(net, 1100 + 10 * k + l, 4));
                }
                double g = gamma * Math.pow(1 + scoping, k + 1);
                if (cap > 0) {
                    g = Math.min(g, cap);
                }
                double[] xc = theta(net);
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
                    x[i] -= lr * (xc[i] - lmx[i]);
                }
                int[] next = {1};
                StepRecord r = method.step(net, batch, () -> inner.get(next[0]++), k);
                assertEquals(steps, r.cost().gradientCalls());
                assertArrayEquals(x, theta(net), 1e-12, "cap " + cap + ", step " + k);
            }
        }
    }

    /**
     * Algorithm 2 with batch-normalized steps against a plain walk: n1 steps of length gamma down the unit
     * batch gradient, n2 up, S-hat = f(theta+) - f(theta-); every probe step has length gamma.
     */
    @Property(tries = 10)
    void batchNormalizedProbeMatchesAPlainWalkWithStepsOfLengthGamma(
            @ForAll @LongRange(min = 0, max = 100_000) long seed,
            @ForAll @DoubleRange(min = 0.01, max = 0.3) double gamma,
            @ForAll @IntRange(min = 1, max = 3) int n1, @ForAll @IntRange(min = 1, max = 3) int n2) {
        ReferenceMlp net = mlp(seed);
        Batch batch = data(net, seed + 1, 5);
        StochasticSharpness probe = new StochasticSharpness(new StochasticSharpnessConfig(
                new SharpnessConfig(gamma, n1, n2), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.STOP));
        double[] theta = theta(net);
        double[][] ends = new double[2][];
        int[] steps = {n1, n2};
        double[] signs = {-1, 1};
        for (int c = 0; c < 2; c++) {
            double[] p = theta.clone();
            for (int s = 0; s < steps[c]; s++) {
                double[] g = gradientAt(net, p, batch);
                double n = norm(g);
                double[] before = p.clone();
                for (int i = 0; i < p.length; i++) {
                    p[i] += signs[c] * gamma * g[i] / n;
                }
                assertEquals(gamma, distance(before, p), 1e-12, "a normalized step has length gamma");
            }
            ends[c] = p;
        }
        double expected = lossAt(net, ends[1], batch) - lossAt(net, ends[0], batch);
        var estimate = probe.estimate(net, batch, RandomStreams.named(1, "probe"));
        assertEquals(expected, estimate.sHat(), 1e-12);
        assertArrayEquals(theta, theta(net), 0.0, "the probe restores the parameters");
    }

    /** SGD-SALR: eta_k = eta0 S_k / median(S_1..S_k) at refresh iterations, eta0 at the first. */
    @Example
    void salrRateIsEta0TimesSharpnessOverItsRunningMedian() {
        ReferenceMlp net = mlp(10);
        double eta0 = 0.1;
        double gamma = 0.5;
        SalrRate salr = new SalrRate(SalrScheduleConfig.of(eta0, 1), new StochasticSharpnessConfig(
                new SharpnessConfig(gamma, 2, 2), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.STOP));
        TrainingMethod method = new GradientMethodConfig(SgdConfig.plain(), salr).create(1);
        Batch batch = data(net, 1000, 8);
        double[] flat = theta(net);
        for (int i = 0; i < flat.length; i++) {
            flat[i] *= 0.1;
        }
        net.setParams(ArrayVector.of(flat));
        StepRecord first = method.step(net, batch, null, 0);
        assertEquals(eta0, first.learningRate(), 1e-15, "the first multiplier is S/median(S) = 1");
        assertEquals(gamma, first.probeStepLength().orElseThrow(), 1e-12, "batch-normalized probe steps have length gamma");
        double[] sharp = flat.clone();
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] *= 40;
        }
        net.setParams(ArrayVector.of(sharp));
        StepRecord second = method.step(net, batch, null, 1);
        double s0 = first.sharpness().orElseThrow();
        double s1 = second.sharpness().orElseThrow();
        assertNotEquals(s0, s1);
        assertEquals(eta0 * s1 / ((s0 + s1) / 2), second.learningRate(), 1e-12);
        double[] expected = sharp.clone();
        double[] g = gradientAt(net, sharp, batch);
        // the step was applied at the sharp point: theta_2 = theta_1 - eta_1 g(theta_1)
        double[] after = theta(net);
        for (int i = 0; i < expected.length; i++) {
            expected[i] -= second.learningRate() * g[i];
        }
        assertArrayEquals(expected, after, 1e-12);
    }

    @Example
    void probesOfEveryNormalizationRestoreTheParametersBitForBit() {
        ReferenceMlp net = mlp(8);
        Batch batch = data(net, 800, 4);
        double[] before = theta(net);
        for (StochasticSharpnessConfig.Normalization n : StochasticSharpnessConfig.Normalization.values()) {
            StochasticSharpness probe = new StochasticSharpness(new StochasticSharpnessConfig(
                    new SharpnessConfig(0.05, 2, 2), n, StochasticSharpnessConfig.ProbeBatch.STEP,
                    ZeroGradientPolicy.RANDOM_DIRECTION));
            double s = probe.estimate(net, batch, RandomStreams.named(1, "probe")).sHat();
            assertTrue(Double.isFinite(s), n + ": " + s);
            double[] after = theta(net);
            for (int i = 0; i < before.length; i++) {
                assertEquals(Double.doubleToLongBits(before[i]), Double.doubleToLongBits(after[i]), n + ", entry " + i);
            }
        }
    }

    /** What each method's step costs, counted by hand (refresh period 2: SALR probes at k = 0 and 2). */
    @Example
    void meterCountsMatchHandCountsForEveryMethod() {
        int b = 4;
        long direction = mlp(9).perExampleDirectionCalls(b);
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
                // a fresh probe batch: one direction at theta on it starts both chains, then 1 + 2 more steps
                new Case(new GradientMethodConfig(SgdConfig.plain(), batchSalr),
                        new long[] {1 + 4, 1, 1 + 4}, new long[] {2, 0, 2}),
                // on the step's batch the update's pass is the first direction of both chains
                new Case(new GradientMethodConfig(SgdConfig.plain(), stepSalr),
                        new long[] {4, 1, 4}, new long[] {2, 0, 2}),
                // Algorithm 2: four per-example directions, the first one's pass also gives the update's gradient
                new Case(new GradientMethodConfig(AdamConfig.defaults(), perExample),
                        new long[] {4 * direction, 1, 4 * direction}, new long[] {2, 0, 2}),
                new Case(new EntropySgdConfig(SgdConfig.plain(), new ScheduledRate(constant), 3, 0.1, 1e-4, 0.03,
                        0.001, 0, 0.75), new long[] {3, 3, 3}, new long[] {0, 0, 0}),
                new Case(new EntropySgdConfig(AdamConfig.defaults(), batchSalr, 3, 0.1, 1e-4, 0.03, 0.001, 0, 0.75),
                        new long[] {3 + 4, 3, 3 + 4}, new long[] {2, 0, 2}),
                new Case(new EntropySgdConfig(SgdConfig.plain(), stepSalr, 3, 0.1, 1e-4, 0.03, 0.001, 0, 0.75),
                        new long[] {3 + 3, 3, 3 + 3}, new long[] {2, 0, 2}),
                new Case(new SwaConfig(SgdConfig.plain(), constant, 1, 0.1, 0.05, 1), new long[] {1, 1, 1},
                        new long[] {0, 0, 0}));
        for (Case c : cases) {
            ReferenceMlp net = mlp(9);
            TrainingMethod method = c.config().create(3);
            BatchSupplier fresh = batches(net, 900, b);
            for (int k = 0; k < 3; k++) {
                StepRecord r = method.step(net, data(net, 950 + k, b), fresh, k);
                assertFalse(r.diverged(), c.config().name());
                assertEquals(c.gradientCalls()[k], r.cost().gradientCalls(), c.config().name() + " step " + k);
                assertEquals(c.forwardCalls()[k], r.cost().forwardCalls(), c.config().name() + " step " + k);
                assertEquals(k % 2 == 0 && c.config().name().contains("SALR"), r.sharpness().isPresent(),
                        c.config().name());
            }
        }
    }

    @Example
    void snapshotAndRestoreContinueBitForBit() {
        SalrRate salr = new SalrRate(SalrScheduleConfig.of(0.1, 2), new StochasticSharpnessConfig(
                new SharpnessConfig(0.05, 1, 1), StochasticSharpnessConfig.Normalization.BATCH,
                StochasticSharpnessConfig.ProbeBatch.STEP, ZeroGradientPolicy.RANDOM_DIRECTION));
        List<MethodConfig> configs = List.of(
                new GradientMethodConfig(new SgdConfig(0.9, 1e-3), new ScheduledRate(new BaseSchedule.Constant(0.1))),
                new GradientMethodConfig(AdamConfig.defaults(), salr),
                new SamConfig(AdamConfig.defaults(), new BaseSchedule.Constant(0.01), 0.05),
                new EntropySgdConfig(new SgdConfig(0.5, 0), salr, 2, 0.1, 1e-2, 0.03, 0.001, 0, 0.75),
                new SwaConfig(AdamConfig.defaults(), new BaseSchedule.Constant(0.01), 1, 0.01, 0.01, 1));
        for (MethodConfig config : configs) {
            ReferenceMlp net = mlp(13);
            TrainingMethod method = config.create(5);
            for (int k = 0; k < 3; k++) {
                method.step(net, data(net, 1400 + k, 4), batches(net, 1500 + 10 * k, 4), k);
            }
            MethodState state = method.snapshot();
            double[] params = theta(net);
            for (int k = 3; k < 6; k++) {
                method.step(net, data(net, 1400 + k, 4), batches(net, 1500 + 10 * k, 4), k);
            }
            double[] direct = theta(net);
            assertFalse(java.util.Arrays.equals(params, direct), config.name() + " moved");
            TrainingMethod resumed = config.create(99);
            resumed.restore(state, net.zeros());
            net.setParams(ArrayVector.of(params));
            for (int k = 3; k < 6; k++) {
                resumed.step(net, data(net, 1400 + k, 4), batches(net, 1500 + 10 * k, 4), k);
            }
            assertArrayEquals(direct, theta(net), 0.0, config.name());
        }
    }

    @Example
    void aNonFiniteLossIsReportedAndTheStepIsNotApplied() {
        ReferenceMlp net = mlp(14);
        HostBatch poisoned = host(1600, 4);
        poisoned.features()[0] = Float.NaN;
        Batch batch = net.batch(poisoned);
        double[] before = theta(net);
        for (MethodConfig config : List.of(
                new GradientMethodConfig(SgdConfig.plain(), new ScheduledRate(new BaseSchedule.Constant(0.1))),
                new SamConfig(SgdConfig.plain(), new BaseSchedule.Constant(0.1), 0.05),
                new GradientMethodConfig(SgdConfig.plain(), new SalrRate(SalrScheduleConfig.of(0.1, 1),
                        StochasticSharpnessConfig.algorithm2(new SharpnessConfig(0.05, 1, 1)))))) {
            StepRecord r = config.create(1).step(net, batch, null, 0);
            assertTrue(r.diverged(), config.name());
            assertTrue(r.divergence().orElseThrow().length() > 0);
            assertArrayEquals(before, theta(net), 0.0, config.name());
        }
    }
}
