package io.salr.analysis.gate;

import io.salr.validation.InvalidParameterException;
import io.salr.analysis.stats.InsufficientDataException;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.stats.WelchTest;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One-sided (1 - alpha) confidence bounds for a mean difference {@code delta}: the lower bound L with
 * P(delta &gt;= L) = 1 - alpha and, separately, the upper bound U with P(delta &lt;= U) = 1 - alpha. Both are
 * {@code mean difference -/+ t(1 - alpha, df) * se}; they equal SciPy's
 * {@code ttest_rel / ttest_ind(equal_var=False)(..., alternative='greater' / 'less').confidence_interval(1 - alpha)}.
 *
 * <p>When every paired difference is the same (or, unpaired, both samples are constant) the standard error
 * is 0 and both bounds equal the observed difference: e.g. a bit-for-bit rerun on the same machine, whose
 * differences are all exactly 0. {@code df} is then the paired {@code n - 1} or the pooled {@code n_x + n_y - 2}.
 *
 * @param test           how the bounds were computed
 * @param nX             observations of x (for {@link Test#PAIRED_T}: the pairs)
 * @param nY             observations of y (for {@link Test#PAIRED_T}: the pairs)
 * @param meanDifference mean(x - y) for pairs, mean(x) - mean(y) otherwise
 * @param standardError  the standard error of {@code meanDifference}, &gt;= 0
 * @param df             the degrees of freedom of the t quantile
 * @param alpha          the one-sided error rate of each bound
 * @param lower          the lower (1 - alpha) bound
 * @param upper          the upper (1 - alpha) bound
 */
public record DifferenceBounds(Test test, int nX, int nY, double meanDifference, double standardError, double df,
                               double alpha, double lower, double upper) {

    /** How the bounds were computed. */
    public enum Test {
        /** Student's t on the per-seed differences (both sides ran the same seeds). */
        PAIRED_T("paired t"),
        /** Welch's unequal-variances t (the seeds differ). */
        WELCH("Welch t");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        /** A short name for tables. */
        public String label() {
            return label;
        }
    }

    public DifferenceBounds {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower bound " + lower + " must not exceed upper bound " + upper);
        }
    }

    /**
     * Bounds for the mean of {@code x[i] - y[i]}.
     *
     * @throws InsufficientDataException with fewer than 2 pairs
     */
    public static DifferenceBounds paired(double[] x, double[] y, double alpha) {
        checkAlpha(alpha);
        Samples.atLeast("x", x, 0);
        Samples.atLeast("y", y, 0);
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, x has " + x.length
                    + " and y has " + y.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        Samples.atLeast("paired differences", d, 2);
        int n = d.length;
        double mean = Samples.mean(d);
        double se = Math.sqrt(Samples.variance(d) / n);
        double df = n - 1;
        double half = se == 0 ? 0 : quantile(alpha, df) * se;
        return new DifferenceBounds(Test.PAIRED_T, n, n, mean, se, df, alpha, mean - half, mean + half);
    }

    /**
     * Welch bounds for mean(x) - mean(y).
     *
     * @throws InsufficientDataException when a sample has fewer than 2 values
     */
    public static DifferenceBounds welch(double[] x, double[] y, double alpha) {
        checkAlpha(alpha);
        Samples.atLeast("x", x, 2);
        Samples.atLeast("y", y, 2);
        if (Samples.variance(x) == 0 && Samples.variance(y) == 0) {
            double diff = Samples.mean(x) - Samples.mean(y);
            return new DifferenceBounds(Test.WELCH, x.length, y.length, diff, 0, x.length + y.length - 2, alpha,
                    diff, diff);
        }
        WelchTest w = WelchTest.test(x, y);
        return new DifferenceBounds(Test.WELCH, x.length, y.length, w.meanDifference(), w.standardError(), w.df(),
                alpha, w.lowerConfidenceBound(1 - alpha), w.upperConfidenceBound(1 - alpha));
    }

    private static double quantile(double alpha, double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - alpha);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidParameterException("alpha", alpha, "must lie in (0, 0.5)");
        }
    }
}
