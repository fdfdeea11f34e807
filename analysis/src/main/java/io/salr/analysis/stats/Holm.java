package io.salr.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979) step-down adjustment of a family of p-values (controls the family-wise error rate).
 *
 * <p>Sort the m p-values ascending, {@code p(1) <= ... <= p(m)}; the adjusted value of the k-th smallest
 * is {@code min(1, max_{j <= k} (m - j + 1) p(j))}. Equal p-values are ordered by their input index, so
 * the result is deterministic. This is R's {@code p.adjust(p, "holm")} and statsmodels'
 * {@code multipletests(p, method='holm')}.
 */
public final class Holm {

    private Holm() {
    }

    /** The adjusted p-values, index-aligned with {@code p}; each p must lie in [0, 1]. */
    public static double[] adjust(double[] p) {
        if (p == null) {
            throw new IllegalArgumentException("p must be given, was null");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p[" + i + "] must lie in [0, 1], was " + p[i]);
            }
        }
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
