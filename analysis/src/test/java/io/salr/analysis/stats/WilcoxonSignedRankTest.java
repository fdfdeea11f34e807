package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTest {

    @Test
    void tieFreeExactUsesCommonsMathAndMatchesScipy() {
        double[] x = {1.2, 3.4, 2.2, 5.0, 4.1, 0.7, 3.0};
        double[] y = {1.0, 2.1, 2.5, 3.2, 2.0, 1.3, 1.6};
        WilcoxonSignedRank r = WilcoxonSignedRank.test(x, y);
        assertEquals(WilcoxonSignedRank.Method.COMMONS_MATH_EXACT, r.method());
        // computed with SciPy 1.17.1: scipy.stats.wilcoxon(x, y, method='exact') -> statistic 5.0 (= W-),
        // pvalue 0.15625; W+ = 28 - 5 = 23
        assertEquals(0.15625, r.p(), 1e-14);
        assertEquals(23.0, r.wPlus(), 0.0);
        assertEquals(0.15625, WilcoxonSignedRank.test(y, x).p(), 1e-14);
    }

    @Test
    void zerosAndTiesUseExactSignFlipDistributionLikeScipyPermutationTest() {
        double[] x = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
        double[] y = {0.5, 2.0, 2.0, 3.0, 4.5, 5.0};
        WilcoxonSignedRank r = WilcoxonSignedRank.test(x, y);
        assertEquals(WilcoxonSignedRank.Method.EXACT_SIGN_FLIP, r.method());
        assertEquals(5, r.nonZero());
        // computed with SciPy 1.17.1 on the non-zero differences d = [0.5, 1, 1, 0.5, 1]:
        // scipy.stats.permutation_test((d,), lambda d, axis: np.sum(scipy.stats.rankdata(abs(d), axis=axis)
        //     * (d > 0), axis=axis), permutation_type='samples', n_resamples=np.inf, alternative='two-sided',
        //     vectorized=True) -> statistic 15.0, pvalue 0.0625
        assertEquals(15.0, r.wPlus(), 0.0);
        assertEquals(0.0625, r.p(), 1e-14);
    }

    @Test
    void largeSamplesUseNormalApproximationLikeScipy() {
        double[] x = {0.334, 1.66, 1.525, -0.21, 0.002, -0.227, 0.87, 0.244, 1.047, -1.547, 1.867, 0.204, 0.98,
            0.163, -0.079, 0.763, 1.125, 0.097, 0.147, 0.986, -0.57, -1.214, 0.695, -0.371, -1.62, -0.514, -0.168,
            -0.893, -1.192, 0.337, 1.197, 0.067, -0.444, 0.685, 1.017, -0.0, 0.845, 1.343, 0.093, -0.514, 0.648,
            0.548, 1.399, -0.985, -0.362, -0.538, -1.434, 0.426, 0.828, -0.439, 1.686, 1.122, 0.927, 0.702, 1.256,
            -1.032, 0.914, 0.903, -1.468, 0.647};
        double[] y = {-0.25, 0.782, -0.439, -0.018, 0.343, -0.876, 0.599, -0.105, 0.492, -0.522, 1.086, 0.605,
            -0.178, 0.632, 1.26, 1.791, -1.574, 0.883, 0.465, -0.094, -1.007, 1.257, -1.262, 0.567, 1.302, -1.6,
            -0.303, -1.309, 0.244, 1.514, 2.024, -1.778, -0.575, 0.704, 1.579, 0.421, -0.746, 0.297, -0.017, -0.204,
            -0.734, 0.387, 0.308, -0.093, -0.222, -1.285, -0.486, 1.206, -0.191, -1.44, 1.334, 0.53, 2.108, 0.063,
            -0.461, -1.448, 1.324, 2.57, -0.821, -0.647};
        WilcoxonSignedRank r = WilcoxonSignedRank.test(x, y);
        assertEquals(WilcoxonSignedRank.Method.NORMAL_APPROXIMATION, r.method());
        // computed with SciPy 1.17.1: scipy.stats.wilcoxon(x, y, method='asymptotic', correction=False).pvalue
        assertEquals(0.3890670715464817, r.p(), 1e-12);
    }

    @Test
    void midSizedTieFreeSamplesUseTheDynamicProgrammeAndAgreeWithScipyExact() {
        double[] x = new double[25];
        double[] y = new double[25];
        for (int i = 0; i < 25; i++) {
            x[i] = i + 1;
            y[i] = 0;
        }
        x[0] = -1; // differences 2..25 positive, -1 negative: W- = 1
        WilcoxonSignedRank r = WilcoxonSignedRank.test(x, y);
        assertEquals(WilcoxonSignedRank.Method.EXACT_SIGN_FLIP, r.method());
        // computed with SciPy 1.17.1: scipy.stats.wilcoxon(x, y, method='exact').pvalue
        assertEquals(1.1920928955078125e-07, r.p(), 1e-20);
    }

    @Test
    void allZeroDifferencesAreATypedError() {
        InsufficientDataException e = assertThrows(InsufficientDataException.class,
                () -> WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals("all differences zero", e.reason());
    }
}
