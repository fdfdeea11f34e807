package io.salr.analysis.stats;

import java.util.Arrays;

/** Guards and small helpers shared by the statistics: the one place where sample checks live. */
public final class Samples {

    /** Reason phrase for samples below a statistic's minimum size. */
    public static final String N_TOO_SMALL = "n too small";
    /** Reason phrase for statistics that divide by a zero standard deviation. */
    public static final String ZERO_VARIANCE = "zero variance";

    private Samples() {
    }

    /** Checks that {@code sample} is non-null, holds at least {@code min} values, all finite. */
    public static double[] atLeast(String name, double[] sample, int min) {
        if (sample == null) {
            throw new IllegalArgumentException(name + " must be given, was null");
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + sample[i]);
            }
        }
        if (sample.length < min) {
            throw new InsufficientDataException(N_TOO_SMALL,
                    name + " has " + sample.length + " value(s), needs at least " + min);
        }
        return sample;
    }

    /** Arithmetic mean; exactly the common value when every value is the same. */
    public static double mean(double[] x) {
        if (isConstant(x)) {
            return x[0];
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /**
     * Sample variance (denominator n - 1), computed with the two-pass formula; exactly 0 when every value is
     * the same (the two-pass formula alone gives about 1e-37 for three copies of 0.1, because their rounded
     * mean is not 0.1, and a Welch test on that spread returns NaN).
     */
    public static double variance(double[] x) {
        if (isConstant(x)) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss / (x.length - 1);
    }

    /** Sample standard deviation, {@code sqrt(variance(x))}: exactly 0 for a constant sample. */
    public static double std(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Whether a non-empty sample holds one value only (e.g. every seed collapsed to the same accuracy). */
    public static boolean isConstant(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return x.length > 0;
    }

    /** A sorted copy. */
    public static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }

    /**
     * The p-quantile of a sorted sample by linear interpolation between order statistics (Hyndman and
     * Fan type 7, the default of R's {@code quantile} and NumPy's {@code percentile}): position
     * {@code h = (n - 1) p}, value {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
     */
    public static double quantileType7(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must lie in [0, 1], was " + p);
        }
        atLeast("sorted", sorted, 1);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Mid-ranks (1-based; tied values share the mean of their ranks), doubled so they are integers.
     * {@code values} need not be sorted; the result is index-aligned with it.
     */
    static long[] doubledMidRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a] + 0.0, values[b] + 0.0));
        long[] ranks = new long[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            long doubled = (i + 1) + (j + 1); // 2 * mean of ranks i+1..j+1
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = doubled;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** Sum over tie groups of (t^3 - t), for the normal approximations' tie corrections. */
    static double tieTerm(double[] values) {
        double[] s = sorted(values);
        double term = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double t = j - i + 1;
            term += t * t * t - t;
            i = j + 1;
        }
        return term;
    }
}
