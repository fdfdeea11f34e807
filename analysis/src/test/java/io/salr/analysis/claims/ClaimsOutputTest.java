package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The claims tables' cells: display units, failure counts with their intervals, costs. */
class ClaimsOutputTest {

    @Test
    void accuraciesInPercentagePointsOthersAsTheyAre() {
        assertEquals("-", ClaimsOutput.display("test_accuracy", OptionalDouble.empty()));
        assertEquals("5 pp", ClaimsOutput.display("test_accuracy", OptionalDouble.of(0.05)));
        assertEquals("-1.235 pp", ClaimsOutput.display("test_accuracy", OptionalDouble.of(-0.0123456)));
        assertEquals("0 pp", ClaimsOutput.display("test_accuracy", OptionalDouble.of(0)));
        assertEquals("0.1235", ClaimsOutput.display("final_sharpness", OptionalDouble.of(0.123456)));
        assertEquals("0", ClaimsOutput.display("final_sharpness", OptionalDouble.of(0)));
    }

    @Test
    void failuresWithTheirClopperPearsonInterval() {
        // binomtest(7, 10).proportion_ci(0.95, 'exact') = [0.3475, 0.9333]
        assertEquals("7/10 [35%, 93%]", ClaimsOutput.failures(7, 10));
        assertEquals("0/10 [0%, 31%]", ClaimsOutput.failures(0, 10));
        assertEquals("0/0", ClaimsOutput.failures(0, 0));
    }

    @Test
    void costsRoundToWholeUnitsFromAHundredUp() {
        ClaimTest t = new ClaimTest("c", "d", "m", "a", "b", "test_accuracy", io.salr.analysis.compare.TestKind.SUPERIORITY,
                0, 0.05, "f", 2, 3, 3, 0, 0, OptionalDouble.of(0.9), OptionalDouble.of(0.8), OptionalDouble.of(0.1),
                java.util.Optional.empty(), OptionalDouble.of(0.01), OptionalDouble.of(0.02), OptionalDouble.empty(),
                io.salr.analysis.compare.Verdict.SUPPORTED, "scale", List.of(), OptionalDouble.of(0.9), OptionalDouble.of(0.02),
                OptionalDouble.empty(), List.of(new ClaimTest.Cost("grad_calls", OptionalDouble.of(100.4), OptionalDouble.of(99.94)),
                        new ClaimTest.Cost("wall_seconds", OptionalDouble.of(2.345), OptionalDouble.empty())));
        assertEquals("100 vs 99.9", ClaimsOutput.cost(t, "grad_calls"));
        assertEquals("2.35 vs -", ClaimsOutput.cost(t, "wall_seconds"));
        assertEquals("-", ClaimsOutput.cost(t, "forward_calls"));
        assertEquals(3, t.runs());
        String md = ClaimsOutput.markdown("p", List.of());
        assertEquals(false, md.contains("### Mechanism checks"));
        assertEquals(false, md.contains("### Measured cost"));
    }
}
