package io.salr.optimizers.engine;

import static io.salr.optimizers.engine.FlatVectorContract.assertBitwise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.meter.GradientMeter;
import io.salr.optimizers.meter.MeterReading;
import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.rng.simple.RandomSource;

/**
 * What every {@link TrainableModel} must do, written against the interface's documentation, as jqwik
 * properties an engine's test class inherits: the layout and the mask, exact save and restore, what each
 * pass counts on the meter, the gradient against central finite differences of the float64
 * {@link TrainableModel#measurementCopy}, Algorithm 2's direction against single-example passes, and that
 * no pass moves the parameters.
 *
 * <p>The test class supplies a tiny model (a few dozen parameters, no dropout, so that passes are
 * deterministic) and host batches for it. Tolerances follow the model's training type.
 */
public interface TrainableModelContract {

    /** A fresh tiny model counting on {@code meter}; every call gives the same initial parameters. */
    TrainableModel newModel(GradientMeter meter);

    /** A host batch of {@code size} examples for the model, from a seeded generator. */
    HostBatch hostBatch(int size, long seed);

    /** True when the model trains in float32, false for float64. */
    boolean singlePrecision();

    /**
     * True when example j's loss depends on example j alone (no BatchNorm coupling), so that its gradient
     * is the gradient of a batch of that one example.
     */
    default boolean examplesIndependent(TrainableModel model) {
        return !model.hasRunningStatistics();
    }

    /** Relative tolerance between two routes to the same quantity in the model's type. */
    default double typeTolerance() {
        return singlePrecision() ? 1e-4 : 1e-10;
    }

    /**
     * The smallest batch a training-mode pass accepts (1 unless the engine documents more, e.g. BatchNorm
     * that needs two examples to have a variance). On a smaller batch every training-mode pass must refuse
     * with an exception, which the properties check before they stop.
     */
    default int minimumTrainingBatch() {
        return 1;
    }

    /**
     * True, after checking that {@code lossAndGradient}, {@code loss} and
     * {@code perExampleNormalizedGradient} refuse it, when {@code batch} is below
     * {@link #minimumTrainingBatch()}; false when the property goes on with the batch.
     */
    private boolean belowMinimum(TrainableModel m, Batch batch) {
        boolean below = batch.size() < minimumTrainingBatch();
        Statistics.label("below the minimum training batch").collect(below);
        if (below) {
            assertThrows(RuntimeException.class, () -> m.lossAndGradient(batch), "lossAndGradient below the minimum");
            assertThrows(RuntimeException.class, () -> m.loss(batch), "loss below the minimum");
            assertThrows(RuntimeException.class, () -> m.perExampleNormalizedGradient(batch),
                    "perExampleNormalizedGradient below the minimum");
        }
        return below;
    }

    /**
     * A reported finding that makes {@link TrainableModel#perExampleNormalizedGradient} fail today on a
     * batch of {@code batchSize} examples, or empty. Where one is named, the properties check that the call
     * still fails (so the entry is removed once the engine is fixed), count the case under "known findings"
     * in jqwik's statistics, and check nothing more on that batch.
     */
    default Optional<String> knownPerExampleFinding(int batchSize) {
        return Optional.empty();
    }

    /**
     * True when the batch hits a known finding (after checking that it still fails); false when the
     * property goes on with the batch.
     */
    private boolean knownFinding(TrainableModel m, Batch batch) {
        Optional<String> finding = knownPerExampleFinding(batch.size());
        Statistics.label("known findings").collect(finding.orElse("none"));
        if (finding.isEmpty()) {
            return false;
        }
        assertThrows(RuntimeException.class, () -> m.perExampleNormalizedGradient(batch),
                "a known finding no longer fails; remove it from knownPerExampleFinding: " + finding.get());
        return true;
    }

    /** Example {@code j} of {@code host} as a batch of one. */
    static HostBatch example(HostBatch host, int j) {
        if (host.kind() == HostBatch.Kind.SEQUENCES) {
            int t = host.exampleShape()[1];
            return new HostBatch(host.kind(), new float[0], Arrays.copyOfRange(host.tokens(), j * t, (j + 1) * t),
                    Arrays.copyOfRange(host.targets(), j * t, (j + 1) * t), host.exampleShape(), host.numClasses());
        }
        int per = host.features().length / host.targets().length;
        return new HostBatch(host.kind(), Arrays.copyOfRange(host.features(), j * per, (j + 1) * per), new int[0],
                new int[] {host.targets()[j]}, host.exampleShape(), host.numClasses());
    }

    /** The difference of two meter readings. */
    static MeterReading delta(MeterReading before, MeterReading after) {
        return new MeterReading(after.gradientCalls() - before.gradientCalls(),
                after.gradientExamples() - before.gradientExamples(), after.forwardCalls() - before.forwardCalls(),
                after.forwardExamples() - before.forwardExamples());
    }

    /** The largest absolute entry of a - b. */
    static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The largest absolute entry. */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Example
    default void layoutTilesTheParameterVectorAndSumsToNumParams() {
        TrainableModel m = newModel(new GradientMeter());
        long offset = 0;
        for (ParameterBlock block : m.layout()) {
            assertEquals(offset, block.offset(), "blocks lie in order without gaps: " + block);
            assertTrue(block.length() > 0, "no empty block: " + block);
            offset += block.length();
        }
        assertEquals(m.numParams(), offset, "numParams is the sum of the layout's lengths");
        assertEquals(m.numParams(), m.params().length());
        assertEquals(m.numParams(), m.trainableMask().length());
        double[] zeros = m.zeros().toDoubleArray();
        assertEquals(m.numParams(), zeros.length);
        assertBitwise(new double[zeros.length], zeros, "zeros()");
    }

    @Property(tries = 10)
    default void paramsIsACopyAndSetParamsRoundTripsBitForBit(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        TrainableModel m = newModel(new GradientMeter());
        FlatVector original = m.params();
        double[] originalBits = original.toDoubleArray();
        original.addi(1.0);
        assertBitwise(originalBits, m.params().toDoubleArray(), "writing params()'s result leaves the model alone");
        SplittableRandom r = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(m.numParams())];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble(-2, 2);
        }
        FlatVector v = m.zeros().like(values);
        m.setParams(v);
        double[] stored = v.toDoubleArray();
        assertBitwise(stored, m.params().toDoubleArray(), "setParams then params gives the same bits");
        v.assign(0.0);
        assertBitwise(stored, m.params().toDoubleArray(), "setParams copies: writing its argument later changes nothing");
        m.setParams(m.zeros().like(originalBits));
        assertBitwise(originalBits, m.params().toDoubleArray(), "restoring the saved vector restores every bit");
        assertThrows(InvalidParameterException.class, () -> m.setParams(new ForeignVector(values.length)),
                "setParams with a vector of another engine");
        assertBitwise(originalBits, m.params().toDoubleArray(), "a refused setParams changes nothing");
    }

    @Example
    default void trainableMaskIsZeroOneAndMatchesTheLayout() {
        TrainableModel m = newModel(new GradientMeter());
        double[] mask = m.trainableMask().toDoubleArray();
        boolean anyStatistic = false;
        for (ParameterBlock block : m.layout()) {
            anyStatistic |= !block.trainable();
            for (long i = block.offset(); i < block.offset() + block.length(); i++) {
                assertEquals(block.trainable() ? 1.0 : 0.0, mask[(int) i], "mask entry " + i + " in " + block);
            }
        }
        assertEquals(anyStatistic, m.hasRunningStatistics(),
                "hasRunningStatistics exactly when the layout has blocks that are not trainable");
        // an engine may hand out one shared mask (callers must not modify it): every call gives the same entries
        assertBitwise(mask, m.trainableMask().toDoubleArray(), "trainableMask gives the same mask every time");
    }

    @Property(tries = 10)
    default void lossAndGradientCountsOneGradientCallAndIsZeroOutsideTheMask(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        GradientMeter meter = new GradientMeter();
        TrainableModel m = newModel(meter);
        Batch batch = m.batch(hostBatch(b, seed));
        assertEquals(b, batch.size());
        if (belowMinimum(m, batch)) {
            return;
        }
        MeterReading before = meter.reading();
        LossGradient g = m.lossAndGradient(batch);
        assertEquals(new MeterReading(1, b, 0, 0), delta(before, meter.reading()), "one gradient call over B examples");
        assertEquals(b, g.batchSize());
        assertTrue(g.isFinite(), "a finite pass at finite parameters");
        double[] gradient = g.gradient().toDoubleArray();
        double[] mask = m.trainableMask().toDoubleArray();
        assertEquals(m.numParams(), gradient.length);
        for (int i = 0; i < gradient.length; i++) {
            if (mask[i] == 0) {
                assertEquals(0.0, Math.abs(gradient[i]), "gradient entry " + i + " outside the mask");
            }
        }
        double[] params = m.params().toDoubleArray();
        g.gradient().assign(9.0);
        assertBitwise(params, m.params().toDoubleArray(), "the gradient is a fresh vector: writing it leaves the model alone");
        assertBitwise(gradient, m.lossAndGradient(batch).gradient().toDoubleArray(),
                "the next pass gives the same gradient, bit for bit");
    }

    @Property(tries = 6)
    default void gradientMatchesCentralFiniteDifferencesInFloat64(
            @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        GradientMeter meter = new GradientMeter();
        TrainableModel m = newModel(meter);
        HostBatch host = hostBatch(b, seed);
        GradientMeter copyMeter = new GradientMeter();
        TrainableModel copy = m.measurementCopy(copyMeter);
        double[] theta = copy.params().toDoubleArray();
        assertBitwise(m.params().toDoubleArray(), theta, "the measurement copy has the model's parameters");
        assertBitwiseRange(new double[] {0.1, 1.0 / 3}, copy.zeros().like(paddedTo(theta.length, 0.1, 1.0 / 3))
                .toDoubleArray(), 0, 2, "the measurement copy is float64");
        Batch batch = copy.batch(host);
        if (belowMinimum(copy, batch)) {
            return;
        }
        double[] gradient = copy.lossAndGradient(batch).gradient().toDoubleArray();
        double[] mask = copy.trainableMask().toDoubleArray();
        double h = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            if (mask[i] == 0) {
                continue;
            }
            double[] plus = theta.clone();
            plus[i] += h;
            copy.setParams(copy.zeros().like(plus));
            double fPlus = copy.loss(batch);
            double[] minus = theta.clone();
            minus[i] -= h;
            copy.setParams(copy.zeros().like(minus));
            double fMinus = copy.loss(batch);
            double fd = (fPlus - fMinus) / (2 * h);
            assertEquals(fd, gradient[i], 1e-6 + 1e-5 * Math.abs(fd), "entry " + i + " against central differences");
        }
        assertEquals(new MeterReading(0, 0, 0, 0), meter.reading(), "the copy counts on its own meter only");
        assertTrue(copyMeter.gradientCalls() >= 1 && copyMeter.forwardCalls() >= 2, "the copy counts on the meter given");
        double[] own = m.lossAndGradient(m.batch(host)).gradient().toDoubleArray();
        assertTrue(maxDifference(own, gradient) <= typeTolerance() * (1 + maxAbs(gradient)),
                "the model's own gradient agrees with the float64 copy's to the type's precision: "
                        + maxDifference(own, gradient));
    }

    /** A vector of {@code n} zeros whose first entries are {@code head}. */
    private static double[] paddedTo(int n, double... head) {
        double[] out = new double[n];
        System.arraycopy(head, 0, out, 0, Math.min(n, head.length));
        return out;
    }

    /** Like {@link FlatVectorContract#assertBitwise} on the entries [from, to) of {@code actual}. */
    private static void assertBitwiseRange(double[] expected, double[] actual, int from, int to, String what) {
        int n = Math.min(to, actual.length) - from;
        assertBitwise(Arrays.copyOf(expected, n), Arrays.copyOfRange(actual, from, from + n), what);
    }

    @Property(tries = 10)
    default void perExampleDirectionIsTheMeanOfUnitSingleExampleGradients(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        GradientMeter meter = new GradientMeter();
        TrainableModel m = newModel(meter);
        HostBatch host = hostBatch(b, seed);
        Batch batch = m.batch(host);
        if (belowMinimum(m, batch) || knownFinding(m, batch)) {
            return;
        }
        MeterReading before = meter.reading();
        NormalizedGradient n = m.perExampleNormalizedGradient(batch);
        MeterReading cost = delta(before, meter.reading());
        assertEquals(m.perExampleDirectionCalls(b), cost.gradientCalls(),
                "the meter counts perExampleDirectionCalls(B) gradient calls");
        assertEquals(0, cost.forwardCalls(), "no forward-only calls");
        double tol = typeTolerance();
        LossGradient g = m.lossAndGradient(batch);
        assertEquals(g.loss(), n.loss(), tol * (1 + Math.abs(g.loss())), "the direction's loss is the batch loss");
        double[] mean = g.gradient().toDoubleArray();
        assertTrue(maxDifference(mean, n.gradient().toDoubleArray()) <= tol * (1 + maxAbs(mean)),
                "the direction's mean gradient is lossAndGradient's");
        double[] norms = n.norms();
        assertEquals(b, norms.length, "one norm per example");
        double[] direction = n.direction().toDoubleArray();
        double[] mask = m.trainableMask().toDoubleArray();
        for (int i = 0; i < direction.length; i++) {
            if (mask[i] == 0) {
                assertEquals(0.0, Math.abs(direction[i]), "direction entry " + i + " outside the mask");
            }
        }
        assertTrue(n.direction().norm2() <= 1 + tol, "a mean of unit vectors has norm at most 1");
        if (!examplesIndependent(m)) {
            for (double v : norms) {
                assertTrue(Double.isFinite(v) && v >= 0, "norm " + v);
            }
            return;
        }
        double[] expected = new double[direction.length];
        for (int j = 0; j < b; j++) {
            double[] gj = m.lossAndGradient(m.batch(example(host, j))).gradient().toDoubleArray();
            double norm = 0;
            for (double v : gj) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            assertEquals(norm, norms[j], tol * norm, "norm of example " + j);
            for (int i = 0; i < expected.length; i++) {
                expected[i] += norm > 0 ? gj[i] / norm / b : 0;
            }
        }
        assertTrue(maxDifference(expected, direction) <= tol,
                "direction against the mean of unit single-example gradients: " + maxDifference(expected, direction));
    }

    @Property(tries = 10)
    default void lossCountsOneForwardCallAndEqualsTheGradientPassLoss(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        GradientMeter meter = new GradientMeter();
        TrainableModel m = newModel(meter);
        Batch batch = m.batch(hostBatch(b, seed));
        if (belowMinimum(m, batch)) {
            return;
        }
        MeterReading before = meter.reading();
        double loss = m.loss(batch);
        assertEquals(new MeterReading(0, 0, 1, b), delta(before, meter.reading()), "one forward call over B examples");
        assertTrue(Double.isFinite(loss) && loss >= 0, "a cross-entropy: " + loss);
        double withGradient = m.lossAndGradient(batch).loss();
        assertEquals(withGradient, loss, typeTolerance() * (1 + Math.abs(loss)), "loss() is lossAndGradient's loss");
    }

    @Property(tries = 10)
    default void noPassChangesTheParameters(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        TrainableModel m = newModel(new GradientMeter());
        Batch batch = m.batch(hostBatch(b, seed));
        double[] before = m.params().toDoubleArray();
        if (belowMinimum(m, batch)) {
            m.predict(batch, new GradientMeter());
            assertBitwise(before, m.params().toDoubleArray(), "after refused passes and predict");
            return;
        }
        m.lossAndGradient(batch);
        assertBitwise(before, m.params().toDoubleArray(), "after lossAndGradient");
        m.loss(batch);
        assertBitwise(before, m.params().toDoubleArray(), "after loss");
        if (!knownFinding(m, batch)) {
            m.perExampleNormalizedGradient(batch);
        }
        assertBitwise(before, m.params().toDoubleArray(), "after perExampleNormalizedGradient");
        m.predict(batch, new GradientMeter());
        assertBitwise(before, m.params().toDoubleArray(), "after predict");
    }

    @Property(tries = 10)
    default void predictCountsOneForwardCallOnTheMeterGiven(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        GradientMeter meter = new GradientMeter();
        TrainableModel m = newModel(meter);
        HostBatch host = hostBatch(b, seed);
        Batch batch = m.batch(host);
        GradientMeter evaluation = new GradientMeter();
        Predictions p = m.predict(batch, evaluation);
        assertEquals(new MeterReading(0, 0, 1, b), evaluation.reading(), "one forward call on the meter given");
        assertEquals(new MeterReading(0, 0, 0, 0), meter.reading(), "nothing on the model's own meter");
        assertEquals(host.positions(), p.positions());
        assertTrue(p.correct() >= 0 && p.correct() <= p.positions(), "correct " + p.correct());
        assertTrue(Double.isFinite(p.lossSum()) && p.lossSum() >= 0, "loss sum " + p.lossSum());
    }

    @Property(tries = 10)
    default void probeSavePerturbRestoreRestoresExactly(
            @ForAll @IntRange(min = 1, max = 6) int b, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        TrainableModel m = newModel(new GradientMeter());
        Batch batch = m.batch(hostBatch(b, seed));
        if (belowMinimum(m, batch)) {
            return;
        }
        FlatVector saved = m.params();
        double[] savedBits = saved.toDoubleArray();
        double loss = m.loss(batch);
        double[] gradient = m.lossAndGradient(batch).gradient().toDoubleArray();
        FlatVector mask = m.trainableMask();
        FlatVector step = Vectors.gaussian(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), mask).muli(0.05);
        m.setParams(saved.add(step));
        double moved = m.loss(batch);
        m.lossAndGradient(batch);
        if (!knownFinding(m, batch)) {
            m.perExampleNormalizedGradient(batch);
        }
        m.setParams(saved);
        assertBitwise(savedBits, m.params().toDoubleArray(), "restore puts back every bit");
        assertBitwise(new double[] {loss}, new double[] {m.loss(batch)}, "the loss at the restored point");
        assertBitwise(gradient, m.lossAndGradient(batch).gradient().toDoubleArray(), "the gradient at the restored point");
        assertTrue(Double.isFinite(moved) && moved != loss, "the perturbation moved the loss: " + moved + " vs " + loss);
    }
}
