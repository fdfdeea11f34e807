package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Contracts of the statistics that hold for every input. */
class StatsProperties {

    @Provide
    Arbitrary<double[]> sample() {
        // coarse values so that ties are common
        return Arbitraries.integers().between(-20, 20).map(i -> i / 4.0).list().ofMinSize(1).ofMaxSize(12)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Provide
    Arbitrary<double[]> pValues() {
        return Arbitraries.doubles().between(0, 1).list().ofMinSize(0).ofMaxSize(15)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Property
    void a12AndItsSwapSumToOne(@ForAll("sample") double[] x, @ForAll("sample") double[] y) {
        assertEquals(1.0, EffectSizes.a12(x, y) + EffectSizes.a12(y, x), 1e-12);
    }

    @Property
    void holmIsMonotoneInRawOrderAtLeastRawAtMostOne(@ForAll("pValues") double[] p) {
        double[] adjusted = Holm.adjust(p);
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[a], p[b]) : Integer.compare(a, b));
        for (int k = 0; k < p.length; k++) {
            assertTrue(adjusted[order[k]] >= p[order[k]] && adjusted[order[k]] <= 1.0);
            if (k > 0) {
                assertTrue(adjusted[order[k]] >= adjusted[order[k - 1]]);
            }
        }
    }

    @Property
    void exactMannWhitneyPIsAProbabilityAndSymmetric(@ForAll("sample") double[] x, @ForAll("sample") double[] y) {
        MannWhitneyExact xy = MannWhitneyExact.test(x, y);
        MannWhitneyExact yx = MannWhitneyExact.test(y, x);
        Statistics.collect(Samples.tieTerm(concat(x, y)) > 0 ? "ties" : "no ties");
        assertTrue(xy.p() >= 0 && xy.p() <= 1, "p = " + xy.p());
        assertEquals(xy.p(), yx.p(), 1e-15);
        assertEquals(x.length * (double) y.length, xy.u() + yx.u(), 1e-9);
    }

    @Property(tries = 50)
    void bootstrapWithTheSameSeedIsIdentical(@ForAll("sample") double[] x, @ForAll("sample") double[] y,
                                             @ForAll long seed) {
        double[] a = x.length < 2 ? new double[] {x[0], x[0] + 1} : x;
        double[] b = y.length < 2 ? new double[] {y[0], y[0] - 1} : y;
        Bootstrap bootstrap = new Bootstrap(200, 0.95);
        assertEquals(bootstrap.meanDifference(a, b, seed), bootstrap.meanDifference(a, b, seed));
        assertEquals(bootstrap.iqm(a, seed), bootstrap.iqm(a, seed));
    }

    @Property
    void iqmOfFourIsTheMeanOfTheMiddleTwo(@ForAll("sample") double[] raw) {
        double[] x = raw.length >= 4 ? Arrays.copyOf(raw, 4) : new double[] {raw[0], raw[0] + 1, raw[0] - 2, 7.0};
        double[] s = Samples.sorted(x);
        assertEquals((s[1] + s[2]) / 2, Iqm.of(x), 1e-12);
    }

    @Property
    void iqmOfMultipleOfFourIsTheMeanOfTheMiddleHalfAndLiesBetweenQuartileValues(@ForAll("sample") double[] x) {
        double iqm = Iqm.of(x);
        double[] s = Samples.sorted(x);
        assertTrue(iqm >= s[0] - 1e-12 && iqm <= s[s.length - 1] + 1e-12);
        if (s.length % 4 == 0) {
            double sum = 0;
            for (int i = s.length / 4; i < 3 * s.length / 4; i++) {
                sum += s[i];
            }
            assertEquals(sum / (s.length / 2.0), iqm, 1e-12);
        }
    }

    @Property
    void iqmIsShiftEquivariant(@ForAll("sample") double[] x) {
        double[] shifted = Arrays.stream(x).map(v -> v + 3.0).toArray();
        assertEquals(Iqm.of(x) + 3.0, Iqm.of(shifted), 1e-9);
    }

    @Property
    void wilcoxonPIsAProbabilityAndSymmetric(@ForAll("sample") double[] x) {
        double[] y = Arrays.stream(x).map(v -> v * 0.5 + 0.25).toArray();
        if (Arrays.equals(x, y)) {
            return;
        }
        boolean anyNonZero = false;
        for (int i = 0; i < x.length; i++) {
            anyNonZero |= x[i] != y[i];
        }
        if (!anyNonZero) {
            return;
        }
        WilcoxonSignedRank xy = WilcoxonSignedRank.test(x, y);
        assertTrue(xy.p() >= 0 && xy.p() <= 1);
        assertEquals(xy.p(), WilcoxonSignedRank.test(y, x).p(), 1e-12);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
