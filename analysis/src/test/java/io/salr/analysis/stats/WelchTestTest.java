package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WelchTestTest {

    private static final double[] X = {0.912, 0.905, 0.921, 0.899, 0.917};
    private static final double[] Y = {0.889, 0.902, 0.894, 0.885, 0.897, 0.880};
    private static final double[] A = {1.1, 2.3, 0.7, 1.9};
    private static final double[] B = {1.5, 2.8, 2.2, 3.1, 2.6};

    @Test
    void twoSidedPMatchesScipy() {
        WelchTest w = WelchTest.test(X, Y);
        // computed with SciPy 1.17.1: scipy.stats.ttest_ind(X, Y, equal_var=False)
        //   -> pvalue 0.004949792550991104, statistic 3.7971561612514084, df 8.26620326586664
        assertEquals(0.004949792550991104, w.pTwoSided(), 1e-12);
        assertEquals(3.7971561612514084, w.t(), 1e-10);
        assertEquals(8.26620326586664, w.df(), 1e-10);
        // computed with SciPy 1.17.1: scipy.stats.ttest_ind(A, B, equal_var=False).pvalue
        assertEquals(0.08635809896937764, WelchTest.test(A, B).pTwoSided(), 1e-12);
    }

    @Test
    void lowerConfidenceBoundMatchesScipy() {
        // computed with SciPy 1.17.1:
        // scipy.stats.ttest_ind(X, Y, equal_var=False, alternative='greater').confidence_interval(0.95).low
        assertEquals(0.010058460534012008, WelchTest.test(X, Y).lowerConfidenceBound(0.95), 1e-10);
        // same call on (A, B): 0.95 -> -1.8313674973026952, 0.90 -> -1.6001977334157358
        assertEquals(-1.8313674973026952, WelchTest.test(A, B).lowerConfidenceBound(0.95), 1e-10);
        assertEquals(-1.6001977334157358, WelchTest.test(A, B).lowerConfidenceBound(0.90), 1e-10);
    }

    @Test
    void tooFewValuesAndZeroVarianceAreTypedErrors() {
        InsufficientDataException small = assertThrows(InsufficientDataException.class,
                () -> WelchTest.test(new double[] {1.0}, Y));
        assertEquals(Samples.N_TOO_SMALL, small.reason());
        assertTrue(small.getMessage().contains("x has 1 value"), small.getMessage());
        InsufficientDataException flat = assertThrows(InsufficientDataException.class,
                () -> WelchTest.test(new double[] {2, 2, 2}, new double[] {3, 3}));
        assertEquals(Samples.ZERO_VARIANCE, flat.reason());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> WelchTest.test(new double[] {1, Double.NaN}, Y));
        assertTrue(nan.getMessage().contains("x[1]") && nan.getMessage().contains("NaN"), nan.getMessage());
    }
}
