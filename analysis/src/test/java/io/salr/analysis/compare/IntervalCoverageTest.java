package io.salr.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.stats.WelchTest;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: the interval of a difference must cover the true difference as often as it says. Normal
 * data, 4000 seeded replications per case: the standard error of an estimated 95% coverage is about 0.34
 * points, so "within 2 points of nominal" is a margin of about 6 standard errors.
 */
class IntervalCoverageTest {

    private static final int REPLICATIONS = 4000;

    private static double coverage(int n, double sdX, double sdY, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double trueDelta = 0.3;
        int covered = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trueDelta + sdX * random.nextGaussian();
                y[i] = sdY * random.nextGaussian();
            }
            // the interval a Comparison reports is WelchTest's (checked on the first replication), computed
            // directly here to keep the 24 000 replications fast
            double[] ci = WelchTest.test(x, y).interval(0.95);
            if (r == 0) {
                Interval reported = Compare.of(Arm.of(x), Arm.of(y), Optional.of(Direction.HIGHER_IS_BETTER),
                        Hypothesis.DIFFERENCE).interval().orElseThrow();
                assertEquals(ci[0], reported.low(), 0.0);
                assertEquals(ci[1], reported.high(), 0.0);
            }
            if (ci[0] <= trueDelta && trueDelta <= ci[1]) {
                covered++;
            }
        }
        return covered / (double) REPLICATIONS;
    }

    @Test
    void welchIntervalCoversWithinTwoPointsAtThreeFiveAndTenSeeds() {
        for (int n : new int[] {3, 5, 10}) {
            double equal = coverage(n, 1, 1, 11 * n);
            double unequal = coverage(n, 1, 2, 13 * n);
            System.out.printf(java.util.Locale.ROOT, "Welch t 95%% interval coverage, n = %d: %.4f (equal sd), %.4f (sd 1 and 2)%n",
                    n, equal, unequal);
            assertTrue(Math.abs(equal - 0.95) <= 0.02, "n = " + n + ", equal spreads: coverage " + equal);
            assertTrue(Math.abs(unequal - 0.95) <= 0.02, "n = " + n + ", spreads 1 and 2: coverage " + unequal);
        }
    }

    @Test
    void thePercentileBootstrapTheReportUsedBeforeDoesNot() {
        // the old interval, for the record: at 3 seeds its "95%" covers far less (issue 11 measured 82%)
        SplittableRandom random = new SplittableRandom(7);
        Bootstrap bootstrap = new Bootstrap(500, 0.95);
        int covered = 0;
        int reps = 1000;
        for (int r = 0; r < reps; r++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] y = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            Bootstrap.Interval ci = bootstrap.meanDifference(x, y, r);
            if (ci.low() <= 0 && 0 <= ci.high()) {
                covered++;
            }
        }
        System.out.printf(java.util.Locale.ROOT, "percentile bootstrap 95%% coverage, n = 3: %.3f%n", covered / (double) reps);
        assertTrue(covered / (double) reps < 0.9, "percentile bootstrap coverage at n = 3: " + covered / (double) reps);
    }
}
