package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IqmTest {

    @Test
    void wikipediaExampleAndScipyTrimMeanWhenNDivisibleByFour() {
        // Wikipedia, "Interquartile mean", n = 12 example: IQM = 6.5; also
        // SciPy 1.17.1: scipy.stats.trim_mean(x, 0.25) -> 6.5
        assertEquals(6.5, Iqm.of(new double[] {5, 8, 4, 38, 8, 6, 9, 7, 7, 3, 1, 6}), 1e-15);
    }

    @Test
    void fractionalWeightsForOtherN() {
        // Reference: the integral of the empirical quantile function over [0.25, 0.75] divided by 0.5,
        // computed with NumPy 2.4.6 as np.quantile(x, g, method='inverted_cdf').mean() on the midpoint grid
        // g = 0.25 + 0.5 (k + 0.5) / 2e6, k = 0..2e6-1 (agrees with the values below to 1e-6):
        // n = 5 -> 4.3 (scipy.stats.trim_mean(x, 0.25) would give 4.3333: it drops whole observations),
        // n = 6 -> 0.41666666666666663, n = 3 -> 3.583333333333334, n = 9 -> 9.0
        assertEquals(4.3, Iqm.of(new double[] {2.0, 7.0, 1.0, 4.0, 10.0}), 1e-12);
        assertEquals(0.41666666666666663, Iqm.of(new double[] {0.3, 0.1, 0.9, 0.5, 0.7, 0.2}), 1e-12);
        assertEquals(3.583333333333334, Iqm.of(new double[] {1.5, 2.5, 10.0}), 1e-12);
        assertEquals(9.0, Iqm.of(new double[] {1, 3, 5, 7, 9, 11, 13, 15, 17}), 1e-12);
    }

    @Test
    void singleValueAndPairAreTheirMean() {
        assertEquals(3.0, Iqm.of(new double[] {3.0}), 0.0);
        assertEquals(2.5, Iqm.of(new double[] {2.0, 3.0}), 1e-15);
    }
}
