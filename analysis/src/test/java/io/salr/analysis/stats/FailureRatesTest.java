package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.17.1 ({@code scipy.stats.fisher_exact}, {@code binomtest(...).proportion_ci}). */
class FailureRatesTest {

    @Test
    void clopperPearsonMatchesSciPy() {
        // binomtest(7, 10).proportion_ci(0.95, 'exact')
        assertArrayEquals(new double[] {0.3475471499399921, 0.9332604888222655},
                FailureRates.clopperPearson(7, 10, 0.95), 1e-9);
        // binomtest(0, 10).proportion_ci(0.95, 'exact')
        assertArrayEquals(new double[] {0, 0.30849710781876294}, FailureRates.clopperPearson(0, 10, 0.95), 1e-9);
        assertArrayEquals(new double[] {1 - 0.30849710781876294, 1}, FailureRates.clopperPearson(10, 10, 0.95), 1e-9);
    }

    @Test
    void fisherMatchesSciPy() {
        // fisher_exact([[7, 3], [0, 10]], alternative='greater').pvalue
        assertEquals(0.001547987616099071, FailureRates.fisherGreater(7, 10, 0, 10), 1e-12);
        // fisher_exact([[3, 7], [1, 9]], alternative='greater').pvalue
        assertEquals(0.2910216718266254, FailureRates.fisherGreater(3, 10, 1, 10), 1e-12);
        assertEquals(1.0, FailureRates.fisherGreater(0, 10, 0, 10));
        assertEquals(1.0, FailureRates.fisherGreater(0, 10, 7, 10), 1e-12);
    }

    @Test
    void refusesCountsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> FailureRates.fisherGreater(11, 10, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> FailureRates.clopperPearson(-1, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> FailureRates.clopperPearson(1, 10, 1.0));
    }
}
