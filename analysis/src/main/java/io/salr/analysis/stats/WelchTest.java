package io.salr.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Welch's unequal-variances t-test of mean(x) - mean(y).
 *
 * <p>The two-sided p-value comes from Commons Math ({@link TTest#tTest(double[], double[])}, which uses
 * the Welch-Satterthwaite degrees of freedom). The one-sided lower confidence bound is written here:
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
        double p = new TTest().tTest(x, y);
        return new WelchTest(diff, se, diff / se, df, p);
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
