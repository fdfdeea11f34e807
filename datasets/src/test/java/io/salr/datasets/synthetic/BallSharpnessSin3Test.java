package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.sharpness.BallSharpness;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import io.salr.optimizers.engine.ArrayVector;

/**
 * Fig. 2 (Section III) on f(t) = 0.5 t sin(3t) + 1 with eps = 0.1: phi of eq. (1) is ~0 at local
 * maximizers, while S of eq. (2) and S-hat of Definition 1 (gamma = 0.05, n1 = n2 = 2, so the probes
 * reach the same radius 0.1) are positive there.
 */
class BallSharpnessSin3Test {

    private static final Sin3 F = new Sin3();
    private static final double EPS = 0.1;

    /** Local maximizers on [-3, 3]: sign changes of f' from + to - on a grid, refined by bisection. */
    static List<Double> localMaximizers() {
        List<Double> maxima = new ArrayList<>();
        int n = 6000;
        for (int i = 0; i < n; i++) {
            double lo = -3.0 + 6.0 * i / n;
            double hi = -3.0 + 6.0 * (i + 1) / n;
            if (F.derivativeAt(lo) > 0 && F.derivativeAt(hi) <= 0) {
                for (int j = 0; j < 100; j++) {
                    double mid = 0.5 * (lo + hi);
                    if (F.derivativeAt(mid) > 0) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                maxima.add(0.5 * (lo + hi));
            }
        }
        return maxima;
    }

    @Test
    void phiVanishesAtLocalMaximizersWhileSAndSHatArePositive() {
        List<Double> maxima = localMaximizers();
        assertTrue(maxima.size() >= 3, "local maximizers found: " + maxima);
        DeterministicSharpness estimator = new DeterministicSharpness(new SharpnessConfig(0.05, 2, 2));
        for (double t : maxima) {
            double phi = BallSharpness.phi1d(F.asUnary(), t, EPS);
            double s = BallSharpness.s1d(F.asUnary(), t, EPS);
            double sHat = estimator.estimate(F, ArrayVector.of(new double[] {t}), RandomSource.SPLIT_MIX_64.create(0L)).sHat();
            assertEquals(0.0, phi, 1e-9, "phi at the local maximizer " + t);
            assertTrue(s > 1e-3, "S at " + t + " = " + s);
            assertTrue(sHat > 1e-3, "S-hat at " + t + " = " + sHat);
        }
    }

    @Test
    void sBoundsPhiTimesNormalizerEverywhere() {
        for (int i = 0; i <= 60; i++) {
            double t = -3.0 + 6.0 * i / 60;
            double phi = BallSharpness.phi1d(F.asUnary(), t, EPS);
            double s = BallSharpness.s1d(F.asUnary(), t, EPS);
            assertTrue(phi >= 0, "phi >= 0 at " + t);
            assertTrue(s >= phi * (1 + F.valueAt(t)) - 1e-12, "max - min >= max - f(t) at " + t);
        }
    }

    @Test
    void twoDimensionalBallMatchesTheOneDimensionalOneOnASeparableFunction() {
        // g(x, y) = f(x): over a disc the extrema along x are the same as over the interval.
        double[] theta = {0.7, -0.3};
        double s2 = BallSharpness.s2d((x, y) -> F.valueAt(x), theta, EPS);
        double s1 = BallSharpness.s1d(F.asUnary(), theta[0], EPS);
        assertEquals(s1, s2, 1e-4);
        double phi2 = BallSharpness.phi2d((x, y) -> F.valueAt(x), theta, EPS);
        double phi1 = BallSharpness.phi1d(F.asUnary(), theta[0], EPS);
        assertEquals(phi1, phi2, 1e-4);
    }
}
