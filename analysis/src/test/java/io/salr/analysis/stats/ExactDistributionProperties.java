package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential tests: the dynamic-programming exact distributions against brute-force enumeration of
 * every split (Mann-Whitney) or every sign pattern (Wilcoxon) on small samples with frequent ties.
 */
class ExactDistributionProperties {

    @Provide
    Arbitrary<double[]> small() {
        return Arbitraries.integers().between(0, 5).map(i -> i / 2.0).list().ofMinSize(1).ofMaxSize(6)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Property(tries = 300)
    void mannWhitneyMatchesEnumerationOfAllSplits(@ForAll("small") double[] x, @ForAll("small") double[] y) {
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        double observed = EffectSizes.a12(x, y) * x.length * y.length;
        int n = pooled.length;
        long below = 0;
        long above = 0;
        long all = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != x.length) {
                continue;
            }
            double[] gx = new double[x.length];
            double[] gy = new double[y.length];
            int ix = 0;
            int iy = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    gx[ix++] = pooled[i];
                } else {
                    gy[iy++] = pooled[i];
                }
            }
            double u = EffectSizes.a12(gx, gy) * x.length * y.length;
            all++;
            below += u <= observed + 1e-9 ? 1 : 0;
            above += u >= observed - 1e-9 ? 1 : 0;
        }
        double expected = Math.min(1.0, 2.0 * Math.min(below, above) / all);
        MannWhitneyExact r = MannWhitneyExact.test(x, y);
        assertEquals(observed, r.u(), 1e-9);
        assertEquals(expected, r.p(), 1e-12);
    }

    @Property(tries = 300)
    void signedRankMatchesEnumerationOfAllSignPatterns(@ForAll("small") double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1.25 - 0.5 * (i % 3); // differences of mixed sign, zeros and ties
        }
        double[] d = new double[x.length];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] - y[i] != 0) {
                d[m++] = x[i] - y[i];
            }
        }
        if (m == 0) {
            return;
        }
        double[] abs = new double[m];
        for (int i = 0; i < m; i++) {
            abs[i] = Math.abs(d[i]);
        }
        long[] ranks = Samples.doubledMidRanks(abs);
        long observed = 0;
        for (int i = 0; i < m; i++) {
            observed += d[i] > 0 ? ranks[i] : 0;
        }
        long below = 0;
        long above = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
            long t = 0;
            for (int i = 0; i < m; i++) {
                t += (mask & (1 << i)) != 0 ? ranks[i] : 0;
            }
            below += t <= observed ? 1 : 0;
            above += t >= observed ? 1 : 0;
        }
        double expected = Math.min(1.0, 2.0 * Math.min(below, above) / (double) (1 << m));
        WilcoxonSignedRank r = WilcoxonSignedRank.test(x, y);
        assertEquals(observed / 2.0, r.wPlus(), 0.0);
        assertEquals(expected, r.p(), 1e-12);
    }
}
