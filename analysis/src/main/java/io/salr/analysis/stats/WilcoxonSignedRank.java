package io.salr.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The Wilcoxon signed-rank test (two-sided) for paired samples, e.g. two methods run with the same seeds.
 *
 * <p>Conventions (Wilcoxon's, and SciPy's default {@code zero_method='wilcox'}): differences
 * {@code d = x - y} equal to zero are dropped; the remaining {@code m} absolute differences get mid-ranks;
 * {@code W+} is the rank sum of the positive differences.
 *
 * <ul>
 *   <li>No zero differences, no tied |d|, {@code m <= }{@value #COMMONS_EXACT_MAX}: Commons Math's exact p-value
 *       ({@link WilcoxonSignedRankTest#wilcoxonSignedRankTest(double[], double[], boolean)} with
 *       {@code exactPValue = true}), which equals {@code scipy.stats.wilcoxon(x, y, method='exact')}.
 *       Commons Math is not used otherwise: it keeps zero differences in the ranking and its exact
 *       distribution assumes untied integer ranks.</li>
 *   <li>Otherwise, {@code m <= }{@value #EXACT_MAX_NONZERO}: the exact sign-flip distribution of
 *       {@code W+} given the observed mid-ranks (all {@code 2^m} sign patterns, counted by dynamic
 *       programming over doubled ranks), p = {@code min(1, 2 min(P(W+ <= w), P(W+ >= w)))}; equals
 *       {@code scipy.stats.permutation_test} on the non-zero differences with
 *       {@code permutation_type='samples'}, {@code n_resamples=inf}.</li>
 *   <li>Larger {@code m}: normal approximation with tie correction and no continuity correction,
 *       {@code var = m(m+1)(2m+1)/24 - sum(t^3 - t)/48}, as
 *       {@code scipy.stats.wilcoxon(x, y, method='asymptotic', correction=False)}.</li>
 * </ul>
 *
 * @param wPlus   rank sum of the positive differences (mid-ranks)
 * @param nonZero number of non-zero differences m
 * @param p       two-sided p-value in [0, 1]
 * @param method  how p was computed
 */
public record WilcoxonSignedRank(double wPlus, int nonZero, double p, Method method) {

    /** Largest number of non-zero differences handled by the hand-written exact distribution. */
    public static final int EXACT_MAX_NONZERO = 50;
    /**
     * Largest sample handed to Commons Math's exact p-value. Commons Math accepts up to 30 but enumerates
     * all 2^n sign patterns one by one (n 2^n work); above 20 the dynamic programming here is used instead.
     */
    public static final int COMMONS_EXACT_MAX = 20;

    /** How the p-value was computed. */
    public enum Method { COMMONS_MATH_EXACT, EXACT_SIGN_FLIP, NORMAL_APPROXIMATION }

    /**
     * Runs the two-sided test on paired samples of equal length.
     *
     * @throws InsufficientDataException when all differences are zero ({@code "all differences zero"})
     */
    public static WilcoxonSignedRank test(double[] x, double[] y) {
        Samples.atLeast("x", x, 1);
        Samples.atLeast("y", y, 1);
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, x has " + x.length
                    + " and y has " + y.length);
        }
        double[] nonZero = new double[x.length];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            if (d != 0) {
                nonZero[m++] = d;
            }
        }
        if (m == 0) {
            throw new InsufficientDataException("all differences zero",
                    "the " + x.length + " paired differences are all 0");
        }
        double[] d = Arrays.copyOf(nonZero, m);
        double[] abs = new double[m];
        for (int i = 0; i < m; i++) {
            abs[i] = Math.abs(d[i]);
        }
        long[] ranks = Samples.doubledMidRanks(abs);
        long observed = 0;
        for (int i = 0; i < m; i++) {
            if (d[i] > 0) {
                observed += ranks[i];
            }
        }
        double wPlus = observed / 2.0;
        boolean ties = Samples.tieTerm(abs) > 0;
        if (m == x.length && !ties && m <= COMMONS_EXACT_MAX) {
            double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, true);
            return new WilcoxonSignedRank(wPlus, m, Math.min(1.0, p), Method.COMMONS_MATH_EXACT);
        }
        if (m <= EXACT_MAX_NONZERO) {
            return new WilcoxonSignedRank(wPlus, m, exactP(ranks, observed), Method.EXACT_SIGN_FLIP);
        }
        double mean = m * (m + 1) / 4.0;
        double variance = m * (m + 1.0) * (2 * m + 1) / 24.0 - Samples.tieTerm(abs) / 48.0;
        double z = Math.abs(wPlus - mean) / Math.sqrt(variance);
        double p = Math.min(1.0, 2.0 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z));
        return new WilcoxonSignedRank(wPlus, m, p, Method.NORMAL_APPROXIMATION);
    }

    private static double exactP(long[] ranks, long observed) {
        int maxSum = 0;
        for (long r : ranks) {
            maxSum += (int) r;
        }
        long[] ways = new long[maxSum + 1]; // ways[s]: sign patterns whose positive doubled ranks sum to s
        ways[0] = 1;
        int reach = 0;
        for (long rank : ranks) {
            int r = (int) rank;
            reach += r;
            for (int s = reach; s >= r; s--) {
                ways[s] += ways[s - r];
            }
        }
        long all = 0;
        long below = 0;
        long above = 0;
        for (int s = 0; s <= maxSum; s++) {
            all += ways[s];
            if (s <= observed) {
                below += ways[s];
            }
            if (s >= observed) {
                above += ways[s];
            }
        }
        return Math.min(1.0, 2.0 * Math.min(below, above) / all);
    }
}
