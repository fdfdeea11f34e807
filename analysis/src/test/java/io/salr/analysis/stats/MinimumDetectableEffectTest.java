package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MinimumDetectableEffectTest {

    @Test
    void matchesScipyTQuantiles() {
        // computed with SciPy 1.17.1: (t.ppf(0.975, df) + t.ppf(0.8, df)) * sqrt(1/n1 + 1/n2), df = n1 + n2 - 2;
        // exact power at that d from scipy.stats.nct: 0.7985 (5, 5), 0.8001 (10, 10), 0.7913 (3, 3),
        // 0.7995 (5, 8), 0.8001 (30, 30)
        assertEquals(2.0206281650809057, MinimumDetectableEffect.standardized(5, 5), 1e-9);
        assertEquals(1.32508078378888, MinimumDetectableEffect.standardized(10, 10), 1e-9);
        assertEquals(3.035252295614148, MinimumDetectableEffect.standardized(3, 3), 1e-9);
        assertEquals(1.753883477740903, MinimumDetectableEffect.standardized(5, 8), 1e-9);
        assertEquals(0.7357583796580727, MinimumDetectableEffect.standardized(30, 30), 1e-9);
    }

    @Test
    void metricUnitsScaleByPooledStd() {
        assertEquals(2.0206281650809057 * 0.01, MinimumDetectableEffect.inUnits(5, 5, 0.01), 1e-11);
    }

    @Test
    void needsOneDegreeOfFreedom() {
        assertEquals(Samples.N_TOO_SMALL, assertThrows(InsufficientDataException.class,
                () -> MinimumDetectableEffect.standardized(1, 1)).reason());
    }
}
