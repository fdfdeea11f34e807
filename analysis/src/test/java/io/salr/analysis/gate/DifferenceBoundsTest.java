package io.salr.analysis.gate;

import io.salr.validation.InvalidParameterException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.stats.InsufficientDataException;
import org.junit.jupiter.api.Test;

class DifferenceBoundsTest {

    private static final double[] C = {0.812, 0.806, 0.821, 0.799, 0.815};
    private static final double[] B = {0.809, 0.811, 0.818, 0.802, 0.808};
    private static final double[] X = {0.812, 0.806, 0.821, 0.799};
    private static final double[] Y = {0.809, 0.811, 0.818, 0.802, 0.808, 0.795};

    @Test
    void pairedBoundsMatchScipy() {
        // computed with SciPy 1.17.1:
        //   stats.ttest_rel(C, B, alternative='greater').confidence_interval(1 - alpha).low
        //   stats.ttest_rel(C, B, alternative='less').confidence_interval(1 - alpha).high
        // alpha 0.05 -> -0.003670642296064001, 0.005670642296063958; mean difference 0.0009999999999999788
        // alpha 0.10 -> -0.002359086646442127, 0.004359086646442085
        DifferenceBounds b = DifferenceBounds.paired(C, B, 0.05);
        assertEquals(DifferenceBounds.Test.PAIRED_T, b.test());
        assertEquals(5, b.nX());
        assertEquals(4, b.df());
        assertEquals(0.0009999999999999788, b.meanDifference(), 1e-15);
        assertEquals(-0.003670642296064001, b.lower(), 1e-12);
        assertEquals(0.005670642296063958, b.upper(), 1e-12);
        DifferenceBounds b10 = DifferenceBounds.paired(C, B, 0.10);
        assertEquals(-0.002359086646442127, b10.lower(), 1e-12);
        assertEquals(0.004359086646442085, b10.upper(), 1e-12);
    }

    @Test
    void welchBoundsMatchScipy() {
        // computed with SciPy 1.17.1:
        //   stats.ttest_ind(X, Y, equal_var=False, alternative='greater').confidence_interval(1 - alpha).low
        //   stats.ttest_ind(X, Y, equal_var=False, alternative='less').confidence_interval(1 - alpha).high
        // alpha 0.05 -> -0.008762406210580585, 0.013429072877247181; df 5.755385272674656
        // alpha 0.10 -> -0.005868024213849325, 0.010534690880515922
        DifferenceBounds w = DifferenceBounds.welch(X, Y, 0.05);
        assertEquals(DifferenceBounds.Test.WELCH, w.test());
        assertEquals(5.755385272674656, w.df(), 1e-10);
        assertEquals(0.0023333333333332984, w.meanDifference(), 1e-15);
        assertEquals(-0.008762406210580585, w.lower(), 1e-12);
        assertEquals(0.013429072877247181, w.upper(), 1e-12);
        DifferenceBounds w10 = DifferenceBounds.welch(X, Y, 0.10);
        assertEquals(-0.005868024213849325, w10.lower(), 1e-12);
        assertEquals(0.010534690880515922, w10.upper(), 1e-12);
    }

    @Test
    void identicalResultsGiveZeroWidthBoundsAtTheDifference() {
        DifferenceBounds same = DifferenceBounds.paired(B, B, 0.05);
        assertEquals(0, same.lower());
        assertEquals(0, same.upper());
        assertEquals(0, same.standardError());
        double[] shifted = {0.5, 0.5, 0.5};
        double[] base = {0.7, 0.7};
        DifferenceBounds w = DifferenceBounds.welch(shifted, base, 0.05);
        assertEquals(-0.2, w.lower(), 1e-15);
        assertEquals(w.lower(), w.upper());
    }

    @Test
    void tooFewValuesAndBadInputsAreRefused() {
        InsufficientDataException one = assertThrows(InsufficientDataException.class,
                () -> DifferenceBounds.paired(new double[] {0.8}, new double[] {0.7}, 0.05));
        assertEquals("n too small", one.reason());
        assertThrows(InsufficientDataException.class, () -> DifferenceBounds.welch(new double[] {0.8}, B, 0.05));
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> DifferenceBounds.paired(X, Y, 0.05));
        assertTrue(lengths.getMessage().contains("equal lengths"), lengths.getMessage());
        InvalidParameterException alpha = assertThrows(InvalidParameterException.class,
                () -> DifferenceBounds.paired(C, B, 0.5));
        assertEquals("alpha", alpha.parameter());
    }
}
