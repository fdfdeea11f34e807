package io.salr.reports.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.stats.Holm;
import io.salr.analysis.stats.MannWhitneyExact;
import io.salr.analysis.stats.Samples;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowComparisonTest {

    // five seeds a side: the exact rank test's smallest two-sided p is 2/252, below 0.05 even after Holm
    private static final double[] BEST = {0.95, 0.955, 0.96, 0.965, 0.97};
    private static final double[] CLOSE = {0.94, 0.955, 0.96, 0.965, 0.97};
    private static final double[] FAR = {0.50, 0.505, 0.51, 0.515, 0.52};

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
        double[] raw = {MannWhitneyExact.test(FAR, BEST).p(), MannWhitneyExact.test(CLOSE, BEST).p()};
        double[] holm = Holm.adjust(raw);
        assertEquals(holm[0], cell(cells, 0).holmP().getAsDouble(), 0);
        assertEquals(holm[1], cell(cells, 3).holmP().getAsDouble(), 0);
        assertEquals(0.96, cell(cells, 1).mean().getAsDouble(), 1e-12);
        assertEquals(Samples.std(BEST), cell(cells, 1).std().getAsDouble(), 1e-12);
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
    void constantColumnsGetTheExactRankTestInsteadOfANan() {
        // issue 11, item 1 in the paper-table path: two columns collapsed to chance over 3 seeds made Holm throw
        List<Optional<Cell>> same = RowComparison.mark(List.of(Optional.of(new double[] {0.1, 0.1, 0.1}),
                Optional.of(new double[] {0.1, 0.1, 0.1})), MetricSpec.TEST_ACCURACY);
        assertEquals(Comparison.NOT_SIGNIFICANT, cell(same, 1).comparison());
        assertEquals(1.0, cell(same, 1).holmP().getAsDouble(), 0.0);
        assertEquals(0.0, cell(same, 0).std().getAsDouble(), 0.0);
        // 1.0 x5 against 0.9 x5: exact Mann-Whitney p = 0.007936507936507936 (SciPy 1.10.1), significant
        List<Optional<Cell>> five = RowComparison.mark(List.of(Optional.of(new double[] {0.9, 0.9, 0.9, 0.9, 0.9}),
                Optional.of(new double[] {1.0, 1.0, 1.0, 1.0, 1.0})), MetricSpec.TEST_ACCURACY);
        assertEquals(Comparison.BEST, cell(five, 1).comparison());
        assertEquals(Comparison.SIGNIFICANT, cell(five, 0).comparison());
        assertEquals(0.007936507936507936, cell(five, 0).holmP().getAsDouble(), 1e-15);
    }

    @Test
    void failedRunsAreCountedAndNotAveraged() {
        List<Optional<Cell>> cells = RowComparison.markRuns(List.of(
                Optional.of(new io.salr.analysis.compare.Arm(new double[] {0.9, 0.92}, List.of(),
                        java.util.Map.of(io.salr.analysis.tidy.OutcomeFlag.DIVERGED, 2))),
                Optional.of(new io.salr.analysis.compare.Arm(new double[0], List.of(),
                        java.util.Map.of(io.salr.analysis.tidy.OutcomeFlag.COLLAPSED, 3)))), MetricSpec.TEST_ACCURACY);
        assertEquals(2, cell(cells, 0).failed());
        assertEquals(0.91, cell(cells, 0).mean().getAsDouble(), 1e-12);
        assertTrue(cell(cells, 1).mean().isEmpty());
        assertEquals(Optional.of("no finished run"), cell(cells, 1).reason());
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
