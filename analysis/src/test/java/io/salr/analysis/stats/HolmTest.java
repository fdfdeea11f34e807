package io.salr.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void workedExample() {
        // Holm (1979) by hand, m = 5: sorted 0.005*5 = 0.025, 0.01*4 = 0.04, 0.03*3 = 0.09,
        // 0.04*2 = 0.08 -> max(0.09, 0.08) = 0.09, 0.2*1 = 0.2; same as R's p.adjust(p, "holm")
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.2});
        assertArrayEquals(new double[] {0.04, 0.09, 0.09, 0.025, 0.2}, adjusted, 1e-15);
    }

    @Test
    void capsAtOneAndHandlesEmptyFamily() {
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.7}), 0.0);
        assertArrayEquals(new double[0], Holm.adjust(new double[0]), 0.0);
    }

    @Test
    void rejectsPOutsideUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Holm.adjust(new double[] {0.1, 1.5}));
        assertTrue(e.getMessage().contains("p[1]") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
