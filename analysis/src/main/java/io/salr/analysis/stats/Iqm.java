package io.salr.analysis.stats;

/**
 * The interquartile mean: the mean of the middle 50% of the empirical distribution.
 *
 * <p>Definition (exact for every n): sort the sample; observation {@code x(i)} (i = 0..n-1) owns the
 * probability interval {@code [i/n, (i+1)/n]}; its weight is the length of that interval's overlap with
 * {@code [1/4, 3/4]}, and the IQM is the weighted mean {@code sum w_i x(i) / (1/2)}. Observations that
 * straddle a quartile therefore count fractionally. This is the integral of the empirical quantile
 * function over [1/4, 3/4] divided by 1/2, i.e. the 25% trimmed mean with fractional weights (as in
 * Wikipedia's "Interquartile mean", whose n = 12 example gives 6.5).
 *
 * <p>When n is divisible by 4 it equals the mean of the middle n/2 order statistics and therefore
 * {@code scipy.stats.trim_mean(x, 0.25)}, which is what rliable (Agarwal et al., 2021) uses. For other n,
 * rliable/SciPy drop {@code floor(n/4)} observations from each end with no fractional weights, so the
 * two definitions differ (n = 5, x = 1,2,4,7,10: here 4.3, SciPy 4.3333).
 */
public final class Iqm {

    private Iqm() {
    }

    /** The interquartile mean of a non-empty finite sample. */
    public static double of(double[] sample) {
        Samples.atLeast("sample", sample, 1);
        double[] s = Samples.sorted(sample);
        int n = s.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            // work in units of 1/(4n): the interval of x(i) is [4i, 4i+4], the middle half is [n, 3n]
            long lo = Math.max(4L * i, n);
            long hi = Math.min(4L * i + 4, 3L * n);
            if (hi > lo) {
                total += (hi - lo) * s[i];
            }
        }
        return total / (2.0 * n); // sum w x / (1/2) with w = overlap / (4n)
    }
}
