package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EffectSizesTest {

    private static final double[] X = {0.912, 0.905, 0.921, 0.899, 0.917};
    private static final double[] Y = {0.889, 0.902, 0.894, 0.885, 0.897, 0.880};
    private static final double[] A = {1.1, 2.3, 0.7, 1.9};
    private static final double[] B = {1.5, 2.8, 2.2, 3.1, 2.6};

    @Test
    void hedgesGMatchesScipyComputation() {
        // computed with SciPy 1.17.1 / NumPy: J = exp(gammaln(df/2) - log(sqrt(df/2)) - gammaln((df-1)/2)),
        // g = J * (mean(x) - mean(y)) / sqrt(((nx-1) var(x, ddof=1) + (ny-1) var(y, ddof=1)) / df)
        assertEquals(2.1216941374468803, EffectSizes.hedgesG(X, Y), 1e-12);
        assertEquals(-1.2481827821570362, EffectSizes.hedgesG(A, B), 1e-12);
        assertEquals(0.9138748917925525, EffectSizes.correctionJ(9), 1e-14);
        assertEquals(0.8882029076727512, EffectSizes.correctionJ(7), 1e-14);
    }

    @Test
    void a12MatchesScipyUStatisticOverPairs() {
        // computed with SciPy 1.17.1: scipy.stats.mannwhitneyu(x, y).statistic / (len(x) * len(y))
        assertEquals(0.9666666666666667, EffectSizes.a12(X, Y), 1e-15);
        assertEquals(0.15, EffectSizes.a12(A, B), 1e-15);
        assertEquals(0.35, EffectSizes.a12(new double[] {1, 2, 2, 3, 5}, new double[] {2, 3, 3, 4}), 1e-15);
    }

    @Test
    void hedgesGNeedsSpreadAndDegreesOfFreedom() {
        assertEquals(Samples.ZERO_VARIANCE, assertThrows(InsufficientDataException.class,
                () -> EffectSizes.hedgesG(new double[] {1, 1}, new double[] {1, 1})).reason());
        assertEquals(Samples.N_TOO_SMALL, assertThrows(InsufficientDataException.class,
                () -> EffectSizes.hedgesG(new double[] {1}, new double[] {1, 2})).reason());
    }
}
