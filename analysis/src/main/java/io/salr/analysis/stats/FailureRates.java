package io.salr.analysis.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * How often runs fail (diverge or collapse): the Clopper-Pearson interval of one rate and Fisher's exact test
 * of two. Checked against SciPy 1.17: {@code binomtest(7, 10).proportion_ci(0.95, 'exact')} is
 * [0.34755, 0.93326], {@code fisher_exact([[7, 3], [0, 10]], alternative='greater')} is 0.0015480 (see the tests).
 */
public final class FailureRates {

    private FailureRates() {
    }

    /**
     * The exact (Clopper-Pearson) two-sided interval of a proportion {@code failed / runs} at {@code coverage}:
     * the {@code (1 - coverage)/2} quantile of Beta(k, n - k + 1) and the {@code (1 + coverage)/2} quantile of
     * Beta(k + 1, n - k), 0 and 1 at the ends.
     *
     * @return {@code {low, high}}
     */
    public static double[] clopperPearson(int failed, int runs, double coverage) {
        check(failed, runs, "failed");
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must lie in (0, 1), was " + coverage);
        }
        double tail = (1 - coverage) / 2;
        double low = failed == 0 ? 0 : new BetaDistribution(null, failed, runs - failed + 1).inverseCumulativeProbability(tail);
        double high = failed == runs ? 1
                : new BetaDistribution(null, failed + 1, runs - failed).inverseCumulativeProbability(1 - tail);
        return new double[] {low, high};
    }

    /**
     * Fisher's exact one-sided p-value that the first group fails more often than the second: the probability,
     * with the margins fixed, of at least {@code failed} failures in the first group (the upper tail of the
     * hypergeometric distribution; SciPy's {@code fisher_exact([[failed, runs - failed], [otherFailed,
     * otherRuns - otherFailed]], alternative='greater')}).
     */
    public static double fisherGreater(int failed, int runs, int otherFailed, int otherRuns) {
        check(failed, runs, "failed");
        check(otherFailed, otherRuns, "otherFailed");
        int total = runs + otherRuns;
        int failures = failed + otherFailed;
        if (failures == 0 || failures == total) {
            return 1.0;
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, total, failures, runs);
        return Math.min(1.0, h.upperCumulativeProbability(failed));
    }

    private static void check(int failed, int runs, String name) {
        if (runs < 1 || failed < 0 || failed > runs) {
            throw new IllegalArgumentException(name + " must lie in [0, runs] with runs >= 1, was " + failed + " of " + runs);
        }
    }
}
