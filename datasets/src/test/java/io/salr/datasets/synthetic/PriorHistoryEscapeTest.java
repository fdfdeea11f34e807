package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.gd.GdSalr;
import io.salr.optimizers.gd.GradientDescent;
import io.salr.optimizers.gd.Trajectory;
import io.salr.optimizers.schedule.RunningMedian;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.salr.optimizers.engine.ArrayVector;

/**
 * Escaping a sharp basin with a prior sharpness history (the schedule's {@code priorSharpness} option,
 * a modification of Algorithm 1, which starts with an empty history), in the spirit of Theorem 2
 * (Section IV), on {@link SharpFlat1D#standard()}: a sharp minimum at a = -1
 * (f''(a) ~ 99) and a flat one at b = 2 (f''(b) ~ 1), both with f = 0.
 *
 * <p>Why the experiment is set up this way. Algorithm 1 normalizes S_k by the median of the values
 * seen so far, which Section II calls a global sharpness parameter the algorithm learns over the
 * landscape; Theorem 2's "sharp" is sharp relative to that parameter. A run that starts in a basin
 * with an empty history has nothing to compare with: its first multiplier is 1 by construction and
 * later values, all measured in the same basin, keep the multiplier near 1 (checked below as a
 * control). So the global parameter is supplied the honest way a user could: the schedule's
 * documented {@code priorSharpness} option is filled with Definition 1 measured with the same
 * (gamma, n1, n2) at 161 evenly spaced points of [-3, 5], i.e. the landscape's typical sharpness,
 * computed before and independently of any run. Nothing is tuned per start point.
 *
 * <p>The setting meets the theorem's geometric premise: the ball B_delta(a) with delta = 0.05 = s1/2
 * lies in the strongly convex part of the sharp well, and delta &gt; max(n1, n2) gamma = 0.04. With
 * that prior the SALR learning rate at the sharp minimum exceeds the Theorem 1 threshold 2 / f''(a)
 * (asserted), while eta0 itself is below it; the claims asserted are then that GD-SALR leaves
 * B_delta(a) from every start in it while plain GD at eta0 stays and converges to a, and that
 * GD-SALR started in the flat basin converges to b.
 */
class PriorHistoryEscapeTest {

    private static final SharpFlat1D F = SharpFlat1D.standard();
    private static final SharpnessConfig PROBE = new SharpnessConfig(0.008, 5, 5);
    private static final double ETA0 = 0.01;
    private static final double DELTA = 0.05;
    private static List<Double> prior;

    @BeforeAll
    static void calibrateTheLandscapeMedian() {
        DeterministicSharpness estimator = new DeterministicSharpness(PROBE);
        prior = new ArrayList<>();
        for (int i = 0; i <= 160; i++) {
            double x = -3.0 + 8.0 * i / 160;
            prior.add(estimator.estimate(F, ArrayVector.of(new double[] {x}), RandomSource.SPLIT_MIX_64.create(i)).sHat());
        }
    }

    private static GdSalr salr(List<Double> history) {
        return new GdSalr(SalrScheduleConfig.builder(ETA0).priorSharpness(history).build(),
                new DeterministicSharpness(PROBE));
    }

    private static double[] sharpStarts() {
        double[] starts = new double[12];
        for (int i = 0; i < 6; i++) {
            double offset = 0.002 + (0.045 - 0.002) * i / 5;
            starts[2 * i] = F.a() - offset;
            starts[2 * i + 1] = F.a() + offset;
        }
        return starts;
    }

    private static int firstExit(Trajectory run, double center, double radius) {
        for (int k = 0; k < run.points().length; k++) {
            if (Math.abs(run.points()[k][0] - center) > radius) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void premisesHold() {
        assertTrue(DELTA > PROBE.maxProbeRadius(), "Theorem 2 needs delta > max(n1, n2) gamma");
        double mu = Double.POSITIVE_INFINITY;
        for (int i = -100; i <= 100; i++) {
            double x = F.a() + DELTA * i / 100;
            double h = 1e-5;
            mu = Math.min(mu, (F.valueAt(x + h) - 2 * F.valueAt(x) + F.valueAt(x - h)) / (h * h));
        }
        assertTrue(mu > 50, "f is strongly convex on B_delta(a), mu = " + mu);
        assertTrue(ETA0 < 2 / F.sharpCurvature(), "plain GD at eta0 is stable at a");
        double sAtA = new DeterministicSharpness(PROBE)
                .estimate(F, ArrayVector.of(new double[] {F.a()}), RandomSource.SPLIT_MIX_64.create(0L)).sHat();
        double median = RunningMedian.of(prior.stream().mapToDouble(Double::doubleValue).toArray()).median();
        assertTrue(ETA0 * sAtA / median > 2 / F.sharpCurvature(),
                "SALR rate at a, " + ETA0 * sAtA / median + ", exceeds 2 / f''(a) = " + 2 / F.sharpCurvature());
    }

    @Test
    void gdSalrLeavesTheSharpBasinWhilePlainGdStays() {
        for (double x0 : sharpStarts()) {
            Trajectory gd = new GradientDescent(ETA0).run(F, ArrayVector.of(new double[] {x0}), 500);
            assertEquals(-1, firstExit(gd, F.a(), DELTA), "plain GD from " + x0 + " stays in B_delta(a)");
            assertEquals(F.a(), gd.lastPoint()[0], 1e-6, "plain GD from " + x0 + " converges to a");

            Trajectory salr = salr(prior).run(F, ArrayVector.of(new double[] {x0}), 500, 1L);
            assertFalse(salr.diverged());
            int exit = firstExit(salr, F.a(), DELTA);
            assertTrue(exit > 0 && exit <= 10, "GD-SALR from " + x0 + " leaves B_delta(a), at k = " + exit);
        }
    }

    @Test
    void withoutALandscapePriorTheFirstMultiplierIsOneAndTheRunStays() {
        for (double x0 : sharpStarts()) {
            Trajectory salr = salr(List.of()).run(F, ArrayVector.of(new double[] {x0}), 500, 1L);
            assertEquals(1.0, salr.multipliers()[0], 0.0, "an empty history normalizes S_0 by itself");
            assertEquals(-1, firstExit(salr, F.a(), DELTA), "GD-SALR from " + x0 + " with no prior stays");
        }
    }

    @Test
    void gdSalrConvergesInTheFlatBasin() {
        for (double x0 : new double[] {1.2, 1.5, 2.3, 2.8}) {
            Trajectory salr = salr(prior).run(F, ArrayVector.of(new double[] {x0}), 3000, 1L);
            assertFalse(salr.diverged());
            assertEquals(F.b(), salr.lastPoint()[0], 1e-3, "GD-SALR from " + x0 + " converges to b");
            assertEquals(-1, firstExit(salr, F.b(), 1.0), "GD-SALR from " + x0 + " stays in the flat basin");
        }
    }
}
