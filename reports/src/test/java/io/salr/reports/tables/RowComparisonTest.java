package io.salr.reports.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.stats.Holm;
import io.salr.analysis.stats.WelchTest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowComparisonTest {

    private static final double[] BEST = {0.95, 0.96, 0.97};
    private static final double[] CLOSE = {0.94, 0.96, 0.97};
    private static final double[] FAR = {0.50, 0.51, 0.52};

    private static Cell cell(List<Optional<Cell>> cells, int i) {
        return cells.get(i).orElseThrow();
    }

    @Test
    void bestIsBoldAndOthersAreTestedAgainstItWithHolmWithinTheRow() {
        List<Optional<Cell>> cells = RowComparison.mark(
                List.of(Optional.of(FAR), Optional.of(BEST), Optional.empty(), Optional.of(CLOSE)),
                MetricSpec.TEST_ACCURACY);
        assertEquals(Comparison.BEST, cell(cells, 1).comparison());
        assertTrue(cells.get(2).isEmpty());
        assertEquals(Comparison.SIGNIFICANT, cell(cells, 0).comparison());
        assertEquals(Comparison.NOT_SIGNIFICANT, cell(cells, 3).comparison());
        double[] raw = {WelchTest.test(FAR, BEST).pTwoSided(), WelchTest.test(CLOSE, BEST).pTwoSided()};
        double[] holm = Holm.adjust(raw);
        assertEquals(holm[0], cell(cells, 0).holmP().getAsDouble(), 0);
        assertEquals(holm[1], cell(cells, 3).holmP().getAsDouble(), 0);
        assertEquals(0.96, cell(cells, 1).mean(), 1e-12);
        assertEquals(0.01, cell(cells, 1).std().getAsDouble(), 1e-12);
    }

    @Test
    void lowerIsBetterForSharpness() {
        List<Optional<Cell>> cells = RowComparison.mark(List.of(Optional.of(BEST), Optional.of(FAR)),
                MetricSpec.FINAL_SHARPNESS);
        assertEquals(Comparison.BEST, cell(cells, 1).comparison());
        assertEquals(Comparison.SIGNIFICANT, cell(cells, 0).comparison());
    }

    @Test
    void singleSeedCellIsNotTestedAndHasNoStd() {
        List<Optional<Cell>> cells = RowComparison.mark(List.of(Optional.of(BEST), Optional.of(new double[] {0.5})),
                MetricSpec.TEST_ACCURACY);
        Cell single = cell(cells, 1);
        assertEquals(Comparison.NOT_TESTED, single.comparison());
        assertEquals(Optional.of("n too small"), single.reason());
        assertTrue(single.nTooSmall());
        assertFalse(single.std().isPresent());
        assertFalse(single.holmP().isPresent());
    }

    @Test
    void constantSamplesAreNotTestedForZeroVariance() {
        List<Optional<Cell>> cells = RowComparison.mark(
                List.of(Optional.of(new double[] {1, 1}), Optional.of(new double[] {2, 2})), MetricSpec.TEST_ACCURACY);
        assertEquals(Optional.of("zero variance"), cell(cells, 0).reason());
    }

    @Test
    void tiesGoToTheLeftmostCell() {
        List<Optional<Cell>> cells = RowComparison.mark(List.of(Optional.of(BEST), Optional.of(BEST.clone())),
                MetricSpec.TEST_ACCURACY);
        assertEquals(Comparison.BEST, cell(cells, 0).comparison());
        assertEquals(Comparison.NOT_SIGNIFICANT, cell(cells, 1).comparison());
    }

    @Test
    void aRowWithoutValuesIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RowComparison.mark(List.of(Optional.empty()), MetricSpec.TEST_ACCURACY));
    }

    @Test
    void formattingIgnoresTheDefaultLocaleAndNegativeZero() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertEquals("94.94", MetricSpec.TEST_ACCURACY.format(0.94936));
            assertEquals("3.22", MetricSpec.FINAL_SHARPNESS.format(3.2249e-3));
            assertEquals("0.00", MetricSpec.TEST_ACCURACY.format(-1e-9));
            assertThrows(IllegalArgumentException.class, () -> MetricSpec.TEST_ACCURACY.format(Double.NaN));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
