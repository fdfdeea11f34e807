package io.salr.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variances t-test of mean(x) - mean(y).
 *
 * <p>The two-sided p-value is {@code 2 P(T_df > |t|)} from Commons Math's Student-t distribution with the
 * Welch-Satterthwaite degrees of freedom (the same numbers as Commons Math's {@code TTest.tTest}, computed from
 * this class's own means and variances, so a constant sample has variance exactly 0 and never a tiny spread
 * that Commons Math would turn into NaN). The one-sided lower confidence bound is written here:
 * {@code (mean(x) - mean(y)) - t(confidence, df) * se} with {@code se = sqrt(s_x^2/n_x + s_y^2/n_y)} and
 * the Welch-Satterthwaite {@code df}; it is what a non-inferiority gate compares with its margin.
 *
 * @param meanDifference mean(x) - mean(y)
 * @param standardError  sqrt(s_x^2/n_x + s_y^2/n_y), &gt; 0
 * @param t              meanDifference / standardError
 * @param df             Welch-Satterthwaite degrees of freedom
 * @param pTwoSided      two-sided p-value
 */
public record WelchTest(double meanDifference, double standardError, double t, double df, double pTwoSided) {

    /**
     * Runs the test.
     *
     * @throws InsufficientDataException when a sample has fewer than 2 values ({@code "n too small"}) or
     *                                   both samples have zero variance ({@code "zero variance"})
     */
    public static WelchTest test(double[] x, double[] y) {
        Samples.atLeast("x", x, 2);
        Samples.atLeast("y", y, 2);
        double vx = Samples.variance(x) / x.length;
        double vy = Samples.variance(y) / y.length;
        double se2 = vx + vy;
        if (!(se2 > 0)) {
            throw new InsufficientDataException(Samples.ZERO_VARIANCE,
                    "both samples are constant, the standard error is " + Math.sqrt(se2));
        }
        double diff = Samples.mean(x) - Samples.mean(y);
        double se = Math.sqrt(se2);
        double df = se2 * se2 / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        return fromMoments(diff, se2, df);
    }

    /**
     * The test from summary statistics alone (means, standard deviations, counts), as SciPy's
     * {@code ttest_ind_from_stats(..., equal_var=False)}.
     *
     * @throws InsufficientDataException when a count is below 2 or both standard deviations are 0
     */
    public static WelchTest fromStatistics(double meanX, double stdX, int nX, double meanY, double stdY, int nY) {
        if (nX < 2 || nY < 2) {
            throw new InsufficientDataException(Samples.N_TOO_SMALL, "Welch's test needs n >= 2 on each side, has "
                    + nX + " and " + nY);
        }
        for (double v : new double[] {meanX, stdX, meanY, stdY}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("summary statistics must be finite, got " + v);
            }
        }
        if (stdX < 0 || stdY < 0) {
            throw new IllegalArgumentException("standard deviations must be >= 0, got " + stdX + " and " + stdY);
        }
        double vx = stdX * stdX / nX;
        double vy = stdY * stdY / nY;
        double se2 = vx + vy;
        if (!(se2 > 0)) {
            throw new InsufficientDataException(Samples.ZERO_VARIANCE,
                    "both standard deviations are 0, the standard error is 0");
        }
        double df = se2 * se2 / (vx * vx / (nX - 1) + vy * vy / (nY - 1));
        return fromMoments(meanX - meanY, se2, df);
    }

    private static WelchTest fromMoments(double diff, double se2, double df) {
        double se = Math.sqrt(se2);
        double t = diff / se;
        double p = Math.min(1.0, 2.0 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t)));
        return new WelchTest(diff, se, t, df, p);
    }

    /**
     * The two-sided interval for mean(x) - mean(y) at the given confidence (e.g. 0.95):
     * {@code diff -/+ t(1 - (1 - confidence)/2, df) se}, SciPy's
     * {@code ttest_ind(x, y, equal_var=False).confidence_interval(confidence)}.
     */
    public double[] interval(double confidence) {
        double q = quantile(0.5 + confidence / 2);
        return new double[] {meanDifference - q * standardError, meanDifference + q * standardError};
    }

    /**
     * The one-sided p-value of H0: mean(x) - mean(y) &lt;= shift against H1: mean(x) - mean(y) &gt; shift.
     */
    public double pGreater(double shift) {
        return new TDistribution(null, df).cumulativeProbability(-(meanDifference - shift) / standardError);
    }

    /**
     * The one-sided lower confidence bound for mean(x) - mean(y) at the given confidence (e.g. 0.95).
     */
    public double lowerConfidenceBound(double confidence) {
        return meanDifference - quantile(confidence) * standardError;
    }

    /**
     * The one-sided upper confidence bound for mean(x) - mean(y) at the given confidence (e.g. 0.95):
     * {@code (mean(x) - mean(y)) + t(confidence, df) * se}.
     */
    public double upperConfidenceBound(double confidence) {
        return meanDifference + quantile(confidence) * standardError;
    }

    private double quantile(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), was " + confidence);
        }
        return new TDistribution(null, df).inverseCumulativeProbability(confidence);
    }
}
