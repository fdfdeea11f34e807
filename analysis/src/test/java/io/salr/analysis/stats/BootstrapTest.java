package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final double[] X = {0.912, 0.905, 0.921, 0.899, 0.917};
    private static final double[] Y = {0.889, 0.902, 0.894, 0.885, 0.897, 0.880};

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        Bootstrap bootstrap = new Bootstrap(2000, 0.95);
        assertEquals(bootstrap.meanDifference(X, Y, 7), bootstrap.meanDifference(X, Y, 7));
        assertNotEquals(bootstrap.meanDifference(X, Y, 7), bootstrap.meanDifference(X, Y, 8));
    }

    @Test
    void intervalLiesWithinTheAttainableRangeAndCoversTheEstimate() {
        Bootstrap.Interval ci = new Bootstrap(10_000, 0.95).meanDifference(X, Y, 1);
        double delta = Samples.mean(X) - Samples.mean(Y);
        // the bootstrap mean difference cannot leave [min(X) - max(Y), max(X) - min(Y)]
        assertTrue(ci.low() >= 0.899 - 0.902 && ci.high() <= 0.921 - 0.880, ci.toString());
        assertTrue(ci.low() < delta && delta < ci.high(), ci + " vs " + delta);
        // the Welch lower bound (SciPy: 0.010058) and the interval agree that the difference is positive
        assertTrue(ci.low() > 0, ci.toString());
    }

    @Test
    void constantSampleGivesDegenerateInterval() {
        Bootstrap.Interval ci = new Bootstrap(500, 0.9).iqm(new double[] {2.5, 2.5, 2.5}, 3);
        assertEquals(2.5, ci.low(), 0.0);
        assertEquals(2.5, ci.high(), 0.0);
    }

    @Test
    void percentileEndpointsAreQuantilesOfTheReplicates() {
        // with a two-point sample {0, 1} and one replicate, the replicate IQM is one of 0, 0.5, 1
        Bootstrap.Interval ci = new Bootstrap(1, 0.95).iqm(new double[] {0.0, 1.0}, 11);
        assertEquals(ci.low(), ci.high(), 0.0);
        assertTrue(ci.low() == 0.0 || ci.low() == 0.5 || ci.low() == 1.0, ci.toString());
    }

    @Test
    void derivedSeedsDependOnEveryPart() {
        assertEquals(Bootstrap.deriveSeed(5, "a", "b"), Bootstrap.deriveSeed(5, "a", "b"));
        assertNotEquals(Bootstrap.deriveSeed(5, "a", "b"), Bootstrap.deriveSeed(5, "ab"));
        assertNotEquals(Bootstrap.deriveSeed(5, "a", "b"), Bootstrap.deriveSeed(6, "a", "b"));
    }

    @Test
    void invalidSettingsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0, 0.95));
        assertTrue(e.getMessage().contains("resamples") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 1.0));
        assertTrue(e.getMessage().contains("confidence") && e.getMessage().contains("1.0"), e.getMessage());
    }
}
