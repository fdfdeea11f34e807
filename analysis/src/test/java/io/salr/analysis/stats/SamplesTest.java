package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void quantileType7MatchesNumpyPercentile() {
        double[] sorted = Samples.sorted(new double[] {3.2, 1.1, 4.8, 2.0, 9.5, 0.3, 7.7});
        // computed with NumPy 2.4.6: np.percentile(x, [2.5, 25, 50, 97.5]) (default method 'linear')
        assertEquals(0.42000000000000004, Samples.quantileType7(sorted, 0.025), 1e-14);
        assertEquals(1.55, Samples.quantileType7(sorted, 0.25), 1e-14);
        assertEquals(3.2, Samples.quantileType7(sorted, 0.5), 1e-14);
        assertEquals(9.229999999999999, Samples.quantileType7(sorted, 0.975), 1e-14);
    }

    @Test
    void doubledMidRanksShareTies() {
        long[] ranks = Samples.doubledMidRanks(new double[] {2.0, 1.0, 2.0, -0.0, 0.0});
        // ranks: 0.0 and -0.0 tie at 1.5, 1.0 -> 3, the two 2.0 tie at 4.5; doubled
        assertEquals(9, ranks[0]);
        assertEquals(6, ranks[1]);
        assertEquals(9, ranks[2]);
        assertEquals(3, ranks[3]);
        assertEquals(3, ranks[4]);
    }

    @Test
    void aConstantSampleHasVarianceAndStdExactlyZeroAndItsOwnMean() {
        // issue 11, item 1: the two-pass formula alone gives about 1e-37 for three copies of 0.1
        double[] x = {0.1, 0.1, 0.1};
        org.junit.jupiter.api.Assertions.assertEquals(0.0, Samples.variance(x), 0.0);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, Samples.std(x), 0.0);
        org.junit.jupiter.api.Assertions.assertEquals(0.1, Samples.mean(x), 0.0);
        org.junit.jupiter.api.Assertions.assertTrue(Samples.variance(new double[] {0.1, 0.1, 0.1 + 1e-17}) >= 0);
    }
}
