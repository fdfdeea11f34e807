package io.salr.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.optimizers.engine.ArrayVector;
import io.salr.optimizers.gd.GdSalr;
import io.salr.optimizers.gd.GradientDescent;
import io.salr.optimizers.gd.Trajectory;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.DeterministicSharpness;
import io.salr.optimizers.sharpness.SharpnessConfig;
import org.junit.jupiter.api.Test;

/**
 * Theorem 2 (Section IV) as stated, with Algorithm 1 as printed (empty sharpness history, multiplier
 * S_k / median(S_1..S_k), refreshed every iteration) and Definition 1, on a landscape built so that every
 * hypothesis can be computed: {@link HuberBasin} with mu = 1, r = 1, w = 0.5, so delta = r = 1 (the
 * strongly convex ball), L = mu = 1 and L0 = g_max = mu (r + w / 2) = 1.25.
 *
 * <p>What the tests show: (1) the hypotheses can all hold (computed below), and then GD-SALR leaves
 * B_delta(0) as the theorem says; (2) on this landscape they hold only for eta_0 mu well above 2 + epsilon,
 * where plain GD escapes too (Theorem 1) - the bound on n1 grows like (g_max / g_min)^2 / (eta_0 mu) while
 * delta &gt; n1 gamma caps n1 at g_max / g_min, and mu-strong convexity with |f'| &lt;= g_max caps delta at
 * g_max / mu; (3) below eta_0 = 2 / mu GD-SALR as printed stays in the basin, because its first
 * multiplier is 1 and the later ones, measured closer to the minimum, are not larger.
 */
class Theorem2HypothesesTest {

    private static final HuberBasin F = new HuberBasin(1.0, 1.0, 0.5);
    private static final double MU = 1.0;
    private static final double L = F.gradientLipschitz();
    private static final double G_MAX = F.gradientBound();
    private static final double L0 = G_MAX;
    private static final double DELTA = 1.0;

    /** The theorem's lower bounds on n1 and n2. */
    static double[] bounds(double eps, double eta0, double gMin) {
        double a1 = (2 + eps) * L0 / (eta0 * (G_MAX * L - gMin * MU)) + gMin * MU / (2 * (G_MAX * L - gMin * MU));
        double a2 = (2 + eps) * L0 / (eta0 * G_MAX * L) + MU * MU * gMin / (2 * L * L * G_MAX);
        double l1 = Math.log(1 + MU * gMin / (L * G_MAX - MU * gMin));
        double l2 = Math.log(1 + MU * gMin / (L * G_MAX));
        return new double[] {a1 / (l1 * l1) - 1 / a1, a2 / (l2 * l2) - 1 / a2};
    }

    /** Whether some integers n1, n2 meet the bounds with delta &gt; max(n1, n2) gamma, gamma = g_min / L. */
    static boolean feasible(double eps, double eta0, double gMin) {
        double[] b = bounds(eps, eta0, gMin);
        long n = Math.max(1, (long) Math.ceil(Math.max(b[0], b[1])));
        return DELTA > n * gMin / L;
    }

    private static boolean leaves(Trajectory t) {
        for (double[] p : t.points()) {
            if (Math.abs(p[0]) > DELTA) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theHypothesesHoldAndGdSalrLeavesTheBall() {
        double eps = 0.1;
        double eta0 = 20;
        double gMin = 0.2;
        double gamma = gMin / L;
        int n1 = 3;
        int n2 = 3;
        double[] b = bounds(eps, eta0, gMin);
        assertTrue(n1 >= b[0] && n2 >= b[1], "n1 " + n1 + " >= " + b[0] + ", n2 " + n2 + " >= " + b[1]);
        assertTrue(DELTA > Math.max(n1, n2) * gamma, "delta > max(n1, n2) gamma");
        for (double t = -DELTA; t <= DELTA; t += 1e-3) {
            assertEquals(MU, F.curvatureAt(t), 0.0, "mu-strongly convex on the ball");
            assertTrue(Math.abs(F.derivativeAt(t)) <= G_MAX);
        }
        double theta0 = 0.45;
        Trajectory t = new GdSalr(SalrScheduleConfig.of(eta0, 1),
                new DeterministicSharpness(new SharpnessConfig(gamma, n1, n2))).run(F, ArrayVector.of(theta0), 50, 1L);
        // g_min bounds max{|f'(theta_{k,-}^(n1-1))|, |f'(theta_k)|} at every iterate inside the ball
        for (double[] p : t.points()) {
            if (Math.abs(p[0]) > DELTA) {
                break;
            }
            double descended = p[0];
            for (int i = 0; i < n1 - 1; i++) {
                descended -= gamma * Math.signum(F.derivativeAt(descended));
            }
            double g = Math.max(Math.abs(F.derivativeAt(descended)), Math.abs(F.derivativeAt(p[0])));
            assertTrue(g >= gMin, "g_min condition at theta " + p[0] + ": " + g);
        }
        assertTrue(leaves(t), "GD-SALR leaves B_delta(theta*)");
    }

    @Test
    void onThisLandscapeTheHypothesesForceAStepAtWhichPlainGdEscapesToo() {
        int feasibleCases = 0;
        for (double eps : new double[] {0.01, 0.1, 1.0}) {
            for (double eta0 = 0.1; eta0 <= 200; eta0 *= 1.1) {
                for (double gMin = 0.01; gMin < G_MAX; gMin += 0.01) {
                    if (feasible(eps, eta0, gMin)) {
                        feasibleCases++;
                        assertTrue(eta0 * MU > 2 + eps, "feasible at eta0 " + eta0 + ", eps " + eps + ", g_min " + gMin);
                    }
                }
            }
        }
        assertTrue(feasibleCases > 0);
        // at such a step plain GD leaves the ball as well (Theorem 1)
        Trajectory gd = new GradientDescent(20).run(F, ArrayVector.of(0.45), 50);
        assertTrue(leaves(gd));
    }

    @Test
    void belowTwoOverMuGdSalrAsPrintedStaysInTheBasin() {
        for (double eta0 : new double[] {0.5, 1.5, 1.9}) {
            for (int n : new int[] {1, 5, 20}) {
                Trajectory t = new GdSalr(SalrScheduleConfig.of(eta0, 1),
                        new DeterministicSharpness(new SharpnessConfig(0.02, n, n))).run(F, ArrayVector.of(0.9), 500, 1L);
                assertFalse(leaves(t), "eta0 " + eta0 + ", n1 = n2 = " + n);
                assertEquals(1.0, t.multipliers()[0], 0.0, "the first multiplier of an empty history is 1");
            }
        }
    }
}
