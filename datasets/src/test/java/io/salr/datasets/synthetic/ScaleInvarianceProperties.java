package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.salr.optimizers.gd.GdSalr;
import io.salr.optimizers.gd.Trajectory;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.schedule.SalrScheduleState;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.simple.RandomSource;
import io.salr.optimizers.engine.ArrayVector;

/**
 * Section II: normalizing by the median makes SALR's learning rate invariant to the scale of f, and
 * Definition 1 is invariant to adding a constant to f.
 *
 * <p>Multiplying f by a &gt; 0 multiplies every gradient by a, so a GD run on a*f with the same eta0
 * follows a different path; the invariance is a statement about the schedule. It is checked in the
 * two forms that hold exactly in exact arithmetic: along the same sequence of points the SALR
 * learning rates for f and a*f are equal, and the GD-SALR run on a*f with base rate eta0 / a retraces
 * the run on f with eta0 step for step (same points, same multipliers S_k / median).
 */
class ScaleInvarianceProperties {

    private static final SharpnessConfig PROBE = new SharpnessConfig(0.01, 3, 3);

    private static Quadratic landscape(double lambda1, double lambda2, long seed) {
        return Quadratic.rotated(new double[] {lambda1, lambda2, 1.0}, seed).withMinimizer(0.3, -0.2, 0.1);
    }

    private static void assertRelativelyEqual(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.max(1.0, Math.abs(expected)), what);
    }

    @Property(tries = 60)
    void learningRatesAlongAPathAreInvariantToScalingF(
            @ForAll @DoubleRange(min = 0.2, max = 5) double lambda1,
            @ForAll @DoubleRange(min = 0.2, max = 5) double lambda2,
            @ForAll @Scale(9) @DoubleRange(min = 1e-3, max = 1e3) double a,
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll long seed) {
        Quadratic f = landscape(lambda1, lambda2, seed);
        Affine scaled = new Affine(f, a, 0.0);
        SalrScheduleConfig schedule = SalrScheduleConfig.of(0.05, c);
        DeterministicSharpness estimator = new DeterministicSharpness(PROBE);
        Trajectory path = new GdSalr(schedule, estimator).run(f, ArrayVector.of(new double[] {1.0, -2.0, 0.5}), 30, seed);
        assertFalse(path.diverged());
        SalrScheduleState onF = schedule.newState();
        SalrScheduleState onScaled = schedule.newState();
        for (int k = 0; k < path.updates(); k++) {
            if (onF.needsSharpness(k)) {
                onF.observe(k, estimator.estimate(f, ArrayVector.of(path.points()[k]), RandomSource.SPLIT_MIX_64.create(seed)).sHat());
                onScaled.observe(k, estimator.estimate(scaled, ArrayVector.of(path.points()[k]), RandomSource.SPLIT_MIX_64.create(seed)).sHat());
            }
            double eta = onF.learningRate(k);
            assertEquals(path.learningRates()[k], eta, 0.0, "the run and the replay agree at k = " + k);
            assertRelativelyEqual(eta, onScaled.learningRate(k), 1e-9, "eta_" + k + " for a = " + a);
        }
    }

    @Property(tries = 60)
    void runOnScaledFWithScaledEta0RetracesTheRun(
            @ForAll @DoubleRange(min = 0.2, max = 5) double lambda1,
            @ForAll @DoubleRange(min = 0.2, max = 5) double lambda2,
            @ForAll @Scale(9) @DoubleRange(min = 1e-2, max = 1e2) double a,
            @ForAll long seed) {
        Quadratic f = landscape(lambda1, lambda2, seed);
        double eta0 = 0.05;
        Trajectory base = new GdSalr(SalrScheduleConfig.of(eta0, 1), new DeterministicSharpness(PROBE))
                .run(f, ArrayVector.of(new double[] {1.0, -2.0, 0.5}), 30, seed);
        Trajectory scaled = new GdSalr(SalrScheduleConfig.of(eta0 / a, 1), new DeterministicSharpness(PROBE))
                .run(new Affine(f, a, 0.0), ArrayVector.of(new double[] {1.0, -2.0, 0.5}), 30, seed);
        assertEquals(base.updates(), scaled.updates());
        for (int k = 0; k < base.updates(); k++) {
            assertRelativelyEqual(base.multipliers()[k], scaled.multipliers()[k], 1e-8, "multiplier " + k);
            assertRelativelyEqual(base.learningRates()[k], a * scaled.learningRates()[k], 1e-8, "eta_" + k + " * a");
            for (int i = 0; i < 3; i++) {
                assertRelativelyEqual(base.points()[k + 1][i], scaled.points()[k + 1][i], 1e-8, "theta_" + (k + 1));
            }
        }
    }

    @Property(tries = 200)
    void sharpnessIsInvariantToAddingAConstant(
            @ForAll @DoubleRange(min = 0.2, max = 5) double lambda1,
            @ForAll @DoubleRange(min = -1e3, max = 1e3) double b,
            @ForAll @DoubleRange(min = -3, max = 3) double x,
            @ForAll long seed) {
        Quadratic f = landscape(lambda1, 2.0, seed);
        DeterministicSharpness estimator = new DeterministicSharpness(PROBE);
        double[] point = {x, 1.0, -x};
        double plain = estimator.estimate(f, ArrayVector.of(point), RandomSource.SPLIT_MIX_64.create(seed)).sHat();
        double shifted = estimator.estimate(new Affine(f, 1.0, b), ArrayVector.of(point), RandomSource.SPLIT_MIX_64.create(seed)).sHat();
        // f(theta+) - f(theta-) is unchanged; the only difference is rounding of values of size |b|.
        assertEquals(plain, shifted, 1e-12 * (1.0 + Math.abs(b)) * 8);
    }
}
