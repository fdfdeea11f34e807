package io.salr.analysis.stats;

import org.apache.commons.math3.special.Gamma;

/** Effect sizes for two independent samples x (a method) and y (the reference). */
public final class EffectSizes {

    private EffectSizes() {
    }

    /**
     * Hedges' g: {@code J(df) (mean(x) - mean(y)) / s_p} with the pooled standard deviation
     * {@code s_p = sqrt(((n_x - 1) s_x^2 + (n_y - 1) s_y^2) / df)}, {@code df = n_x + n_y - 2}, and the
     * exact small-sample correction {@link #correctionJ(double)} (Hedges 1981).
     *
     * @throws InsufficientDataException when {@code df < 2} (J undefined) or {@code s_p = 0}
     */
    public static double hedgesG(double[] x, double[] y) {
        Samples.atLeast("x", x, 1);
        Samples.atLeast("y", y, 1);
        int df = x.length + y.length - 2;
        if (df < 2) {
            throw new InsufficientDataException(Samples.N_TOO_SMALL,
                    "Hedges' g needs n_x + n_y >= 4, has " + (x.length + y.length));
        }
        double sp = pooledStd(x, y);
        if (!(sp > 0)) {
            throw new InsufficientDataException(Samples.ZERO_VARIANCE, "the pooled standard deviation is 0");
        }
        return correctionJ(df) * (Samples.mean(x) - Samples.mean(y)) / sp;
    }

    /**
     * The pooled standard deviation {@code sqrt(((n_x - 1) s_x^2 + (n_y - 1) s_y^2) / (n_x + n_y - 2))};
     * a sample of size 1 contributes no variance term.
     */
    public static double pooledStd(double[] x, double[] y) {
        Samples.atLeast("x", x, 1);
        Samples.atLeast("y", y, 1);
        int df = x.length + y.length - 2;
        if (df < 1) {
            throw new InsufficientDataException(Samples.N_TOO_SMALL,
                    "a pooled standard deviation needs n_x + n_y >= 3, has " + (x.length + y.length));
        }
        double ss = (x.length > 1 ? (x.length - 1) * Samples.variance(x) : 0)
                + (y.length > 1 ? (y.length - 1) * Samples.variance(y) : 0);
        return Math.sqrt(ss / df);
    }

    /**
     * Hedges' exact bias correction {@code J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))}, computed
     * through log-gamma; approximately {@code 1 - 3 / (4 df - 1)}. Requires {@code df > 1}.
     */
    public static double correctionJ(double df) {
        if (!(df > 1) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("df must be finite and > 1, was " + df);
        }
        return Math.exp(Gamma.logGamma(df / 2) - 0.5 * Math.log(df / 2) - Gamma.logGamma((df - 1) / 2));
    }

    /**
     * Vargha and Delaney's A12 = P(X &gt; Y) + P(X = Y) / 2 over all pairs: the fraction of (x, y) pairs
     * with x &gt; y, ties counting one half. A12(x, y) + A12(y, x) = 1.
     */
    public static double a12(double[] x, double[] y) {
        Samples.atLeast("x", x, 1);
        Samples.atLeast("y", y, 1);
        double wins = 0;
        for (double a : x) {
            for (double b : y) {
                if (a > b) {
                    wins += 1;
                } else if (a == b) {
                    wins += 0.5;
                }
            }
        }
        return wins / ((double) x.length * y.length);
    }
}
