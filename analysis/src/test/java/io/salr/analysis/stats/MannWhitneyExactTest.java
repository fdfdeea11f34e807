package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MannWhitneyExactTest {

    @Test
    void exactWithoutTiesMatchesScipyExact() {
        // computed with SciPy 1.17.1: scipy.stats.mannwhitneyu(x, y, method='exact') -> (statistic, pvalue)
        check(new double[] {0.912, 0.905, 0.921, 0.899, 0.917},
                new double[] {0.889, 0.902, 0.894, 0.885, 0.897, 0.880}, 29.0, 0.008658008658008658);
        check(new double[] {1.1, 2.3, 0.7, 1.9}, new double[] {1.5, 2.8, 2.2, 3.1, 2.6}, 3.0, 0.1111111111111111);
        check(new double[] {3.0, 1.0, 4.0}, new double[] {1.5, 9.0, 2.6, 5.3}, 4.0, 0.6285714285714286);
    }

    @Test
    void exactWithTiesMatchesScipyFullPermutationTest() {
        // computed with SciPy 1.17.1:
        // scipy.stats.permutation_test((x, y), lambda x, y, axis: scipy.stats.mannwhitneyu(x, y, axis=axis).statistic,
        //     permutation_type='independent', n_resamples=np.inf, alternative='two-sided', vectorized=True)
        check(new double[] {1, 2, 2, 3, 5}, new double[] {2, 3, 3, 4}, 7.0, 0.6031746031746031);
        check(new double[] {0.5, 0.5, 0.5, 1.0}, new double[] {0.5, 1.0, 1.0, 1.0, 2.0}, 4.0, 0.2698412698412698);
    }

    @Test
    void largeSamplesUseTieCorrectedNormalApproximationLikeScipy() {
        double[] x = {0.0, 0.3, -0.3, -0.9, -0.5, -1.0, 0.1, 1.3, -0.5, -0.6, 0.5, 0.4, 0.1, -0.9, -0.0, 0.7, -1.3,
            -0.5, -1.9, -1.3, -1.8, -0.2, -1.3, 0.3, 0.2, -0.2, -2.5, -0.5, -0.0, 0.1};
        double[] y = {-1.0, 0.0, -0.5, -0.3, 1.6, -0.3, 0.5, 1.4, -0.1, 0.4, 0.6, 0.6, -0.7, 0.6, 1.9, -1.0, 1.4, 0.6,
            -0.1, 2.5, 1.3, -0.7, 0.6, 1.1, 0.3, 1.2, 0.4, 1.2, 1.9, -0.2, 0.7};
        MannWhitneyExact r = MannWhitneyExact.test(x, y);
        assertEquals(MannWhitneyExact.Method.NORMAL_APPROXIMATION, r.method());
        // computed with SciPy 1.17.1: scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=True)
        //   -> statistic 219.0, pvalue 0.0003915364482855443
        assertEquals(219.0, r.u(), 0.0);
        assertEquals(0.0003915364482855443, r.p(), 1e-12);
    }

    private static void check(double[] x, double[] y, double u, double p) {
        MannWhitneyExact r = MannWhitneyExact.test(x, y);
        assertEquals(MannWhitneyExact.Method.EXACT, r.method());
        assertEquals(u, r.u(), 0.0);
        assertEquals(p, r.p(), 1e-14);
    }
}
