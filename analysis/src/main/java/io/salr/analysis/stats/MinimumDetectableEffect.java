package io.salr.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The minimum detectable effect of a two-sample t-test for a given number of seeds per group.
 *
 * <p>Formula (t-based, the standard normal-approximation formula with Student-t quantiles in place of
 * normal ones): {@code d = (t(1 - alpha/2, df) + t(power, df)) sqrt(1/n_1 + 1/n_2)} with
 * {@code df = n_1 + n_2 - 2}, in units of the pooled standard deviation; multiply by the pooled standard
 * deviation for the metric's units. Checked against SciPy's noncentral t
 * ({@code scipy.stats.nct}): the exact power at this d for alpha = 0.05 two-sided and target 0.8 is 0.791
 * for 3 + 3 seeds, 0.7985 for 5 + 5 and 0.8001 for 10 + 10 and 30 + 30, so d is accurate to about 1% of
 * itself from 3 seeds per group up.
 */
public final class MinimumDetectableEffect {

    /** The default two-sided significance level. */
    public static final double ALPHA = 0.05;
    /** The default power. */
    public static final double POWER = 0.8;

    private MinimumDetectableEffect() {
    }

    /** d for alpha = 0.05 two-sided and power 0.8. */
    public static double standardized(int n1, int n2) {
        return standardized(n1, n2, ALPHA, POWER);
    }

    /**
     * d in pooled-standard-deviation units.
     *
     * @throws InsufficientDataException when {@code n1 + n2 < 3} (no degrees of freedom)
     */
    public static double standardized(int n1, int n2, double alpha, double power) {
        if (n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("group sizes must be >= 1, were " + n1 + " and " + n2);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), was " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must lie in (0, 1), was " + power);
        }
        int df = n1 + n2 - 2;
        if (df < 1) {
            throw new InsufficientDataException(Samples.N_TOO_SMALL,
                    "the minimum detectable effect needs n1 + n2 >= 3, has " + (n1 + n2));
        }
        TDistribution t = new TDistribution(null, df);
        return (t.inverseCumulativeProbability(1 - alpha / 2) + t.inverseCumulativeProbability(power))
                * Math.sqrt(1.0 / n1 + 1.0 / n2);
    }

    /** The effect in the metric's units: {@code standardized(n1, n2) * pooledStd}, pooledStd &gt;= 0. */
    public static double inUnits(int n1, int n2, double pooledStd) {
        if (!(pooledStd >= 0) || Double.isInfinite(pooledStd)) {
            throw new IllegalArgumentException("pooledStd must be finite and >= 0, was " + pooledStd);
        }
        return standardized(n1, n2) * pooledStd;
    }
}
