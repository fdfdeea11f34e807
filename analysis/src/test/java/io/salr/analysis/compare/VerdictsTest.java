package io.salr.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The decision rule at its boundaries: p equal to alpha never rejects, a zero effect never points a way. */
class VerdictsTest {

    private static final Hypothesis SUP = new Hypothesis(TestKind.SUPERIORITY, 0, 0.05);
    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static OptionalDouble of(double v) {
        return OptionalDouble.of(v);
    }

    @Test
    void oneSidedKindsRejectStrictlyBelowAlpha() {
        assertEquals(Verdict.SUPPORTED, Verdicts.decide(SUP, of(0.1), of(0.0499999), of(0.9)));
        assertEquals(Verdict.NOT_SUPPORTED, Verdicts.decide(SUP, of(0.1), of(0.05), of(0.9)));
        assertEquals(Verdict.CONTRADICTED, Verdicts.decide(SUP, of(-0.1), of(0.9), of(0.0499999)));
        assertEquals(Verdict.NOT_SUPPORTED, Verdicts.decide(SUP, of(-0.1), of(0.9), of(0.05)));
        assertEquals(Verdict.NOT_SUPPORTED, Verdicts.decide(SUP, of(-0.1), of(0.9), NONE), "no opposite p: never contradicted");
        assertEquals(Verdict.NOT_TESTED, Verdicts.decide(SUP, of(0.1), NONE, of(0.001)));
        assertEquals(Verdict.SUPPORTED, Verdicts.decide(SUP, NONE, of(0.01), NONE), "one-sided kinds need no effect");
        assertEquals(Verdict.SUPPORTED, Verdicts.decide(SUP, of(0.1), of(0.01), of(0.01)), "the claim is read first");
    }

    @Test
    void theDifferenceTestNeedsADirectionAndANonZeroEffect() {
        Hypothesis d = Hypothesis.DIFFERENCE;
        assertEquals(Verdict.SUPPORTED, Verdicts.decide(d, of(1e-9), of(0.0499999), NONE));
        assertEquals(Verdict.CONTRADICTED, Verdicts.decide(d, of(-1e-9), of(0.0499999), NONE));
        assertEquals(Verdict.NOT_SUPPORTED, Verdicts.decide(d, of(0.0), of(0.001), NONE));
        assertEquals(Verdict.NOT_SUPPORTED, Verdicts.decide(d, of(1), of(0.05), NONE));
        assertEquals(Verdict.NOT_TESTED, Verdicts.decide(d, NONE, of(0.001), NONE));
        assertEquals(Verdict.NOT_TESTED, Verdicts.decide(d, of(1), NONE, NONE));
    }

    @Test
    void theWordsAreOneVocabulary() {
        assertEquals("inconclusive", Verdict.NOT_SUPPORTED.describe(TestKind.DIFFERENCE));
        assertEquals("inconclusive", Verdict.NOT_SUPPORTED.describe(TestKind.SUPERIORITY));
        assertEquals("better", Verdict.SUPPORTED.describe(TestKind.SUPERIORITY));
        assertEquals("worse", Verdict.CONTRADICTED.describe(TestKind.DIFFERENCE));
        assertEquals("non-inferior", Verdict.SUPPORTED.describe(TestKind.NON_INFERIORITY));
        assertEquals("inferior", Verdict.CONTRADICTED.describe(TestKind.NON_INFERIORITY));
        assertEquals("equivalent", Verdict.SUPPORTED.describe(TestKind.EQUIVALENCE));
        assertEquals("not equivalent", Verdict.CONTRADICTED.describe(TestKind.EQUIVALENCE));
        assertEquals("not tested", Verdict.NOT_TESTED.describe(TestKind.EQUIVALENCE));
    }

    @Test
    void hypothesesAndIntervalsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis(TestKind.EQUIVALENCE, 0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis(TestKind.SUPERIORITY, -0.1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis(TestKind.SUPERIORITY, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis(TestKind.SUPERIORITY, 0, 0));
        assertEquals(0.9, new Hypothesis(TestKind.SUPERIORITY, 0, 0.05).coverage(), 1e-15);
        assertEquals(0.95, Hypothesis.DIFFERENCE.coverage(), 1e-15);
    }
}
