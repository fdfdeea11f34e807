package io.salr.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann-Whitney U test (two-sided), exact for small samples, with ties handled.
 *
 * <p>{@code U} is the statistic of x: the number of pairs with x &gt; y plus one half per tie, computed
 * from mid-ranks as {@code R_x - n_x (n_x + 1) / 2}.
 *
 * <p><b>Exact method</b> (used when {@code n_x + n_y <= }{@value #EXACT_MAX_TOTAL}): the null distribution
 * is the exact permutation distribution of U over all {@code C(n_x + n_y, n_x)} ways of splitting the
 * pooled observations, with the observed mid-ranks kept (so ties are handled exactly, the conditional
 * test given the tie pattern). It is counted by dynamic programming over sums of doubled mid-ranks in
 * {@code long} arithmetic, exactly. The two-sided p-value is
 * {@code min(1, 2 min(P(U <= u), P(U >= u)))}. Without ties this equals
 * {@code scipy.stats.mannwhitneyu(x, y, method='exact')}; with ties it equals
 * {@code scipy.stats.permutation_test} with {@code permutation_type='independent'} and
 * {@code n_resamples=inf}.
 *
 * <p><b>Normal approximation</b> (larger samples): {@code z = (|U - n_x n_y/2| - 1/2) / sigma} with the
 * tie-corrected {@code sigma^2 = n_x n_y / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1)))}, p = 2 P(Z &gt; z),
 * capped at 1; this is SciPy's {@code method='asymptotic', use_continuity=True}.
 *
 * @param u      the U statistic of x
 * @param p      two-sided p-value in [0, 1]
 * @param method how p was computed
 */
public record MannWhitneyExact(double u, double p, Method method) {

    /** Largest pooled sample size handled exactly. */
    public static final int EXACT_MAX_TOTAL = 50;

    /** How the p-value was computed. */
    public enum Method { EXACT, NORMAL_APPROXIMATION }

    /** Runs the two-sided test; each sample needs at least one value. */
    public static MannWhitneyExact test(double[] x, double[] y) {
        double[] tails = tails(x, y);
        Method method = x.length + y.length <= EXACT_MAX_TOTAL ? Method.EXACT : Method.NORMAL_APPROXIMATION;
        return new MannWhitneyExact(tails[2], Math.min(1.0, 2.0 * Math.min(tails[0], tails[1])), method);
    }

    /**
     * The one-sided p-value of "x tends to exceed y": {@code P(U >= u)} under the null, exact up to
     * {@value #EXACT_MAX_TOTAL} values in all (SciPy's {@code mannwhitneyu(x, y, alternative='greater',
     * method='exact')} without ties), else the continuity-corrected normal approximation.
     */
    public static double greaterP(double[] x, double[] y) {
        return tails(x, y)[1];
    }

    /** {@code {P(U <= u), P(U >= u), u}}. */
    private static double[] tails(double[] x, double[] y) {
        Samples.atLeast("x", x, 1);
        Samples.atLeast("y", y, 1);
        int nx = x.length;
        int ny = y.length;
        int total = nx + ny;
        double[] pooled = new double[total];
        System.arraycopy(x, 0, pooled, 0, nx);
        System.arraycopy(y, 0, pooled, nx, ny);
        long[] ranks = Samples.doubledMidRanks(pooled);
        long observed = 0; // doubled rank sum of x
        for (int i = 0; i < nx; i++) {
            observed += ranks[i];
        }
        double u = observed / 2.0 - nx * (nx + 1) / 2.0;
        if (total <= EXACT_MAX_TOTAL) {
            double[] t = exactTails(ranks, nx, observed);
            return new double[] {t[0], t[1], u};
        }
        double mean = nx * (double) ny / 2.0;
        double variance = nx * (double) ny / 12.0
                * ((total + 1) - Samples.tieTerm(pooled) / (total * (double) (total - 1)));
        if (!(variance > 0)) {
            return new double[] {1.0, 1.0, u};
        }
        NormalDistribution z = new NormalDistribution(null, 0, 1);
        double sd = Math.sqrt(variance);
        double below = Math.min(1.0, z.cumulativeProbability((u - mean + 0.5) / sd));
        double above = Math.min(1.0, z.cumulativeProbability(-(u - mean - 0.5) / sd));
        return new double[] {below, above, u};
    }

    /** {@code {P(S <= observed), P(S >= observed)}} for the doubled rank sum S of a random size-k subset. */
    private static double[] exactTails(long[] ranks, int k, long observed) {
        int maxSum = 0;
        for (long r : ranks) {
            maxSum += (int) r;
        }
        // ways[j][s]: number of j-element subsets of the ranks seen so far with doubled rank sum s
        long[][] ways = new long[k + 1][maxSum + 1];
        ways[0][0] = 1;
        int reach = 0;
        for (long rank : ranks) {
            int r = (int) rank;
            reach += r;
            for (int j = k; j >= 1; j--) {
                long[] to = ways[j];
                long[] from = ways[j - 1];
                for (int s = reach; s >= r; s--) {
                    to[s] += from[s - r];
                }
            }
        }
        long all = 0;
        long below = 0;
        long above = 0;
        for (int s = 0; s <= maxSum; s++) {
            long w = ways[k][s];
            all += w;
            if (s <= observed) {
                below += w;
            }
            if (s >= observed) {
                above += w;
            }
        }
        return new double[] {below / (double) all, above / (double) all};
    }
}
