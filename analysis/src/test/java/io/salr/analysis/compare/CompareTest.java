package io.salr.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.stats.Holm;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The comparison API. Reference values come from {@code analysis/src/test/python/comparison_reference.py} run with
 * Debian's SciPy 1.10.1, NumPy 1.24.2 and statsmodels 0.13.5.
 */
class CompareTest {

    private static final Optional<Direction> HIGHER = Optional.of(Direction.HIGHER_IS_BETTER);
    private static final Optional<Direction> LOWER = Optional.of(Direction.LOWER_IS_BETTER);

    private static Comparison difference(double[] x, double[] y, Optional<Direction> d) {
        return Compare.of(Arm.of(x), Arm.of(y), d, Hypothesis.DIFFERENCE);
    }

    // ---- item 1: constant groups

    @Test
    void twoIdenticalConstantGroupsGiveADefinedVerdictAndNeverANanIntoHolm() {
        // two seeds collapsed to chance on both sides: before, the variance was about 1e-37, Commons Math gave NaN
        // and Holm threw "p[1] must lie in [0, 1], was NaN"
        Comparison c = difference(new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.1, 0.1}, HIGHER);
        assertEquals(0.0, c.std().getAsDouble(), 0.0);
        assertEquals(0.0, c.referenceStd().getAsDouble(), 0.0);
        assertEquals(0.0, c.delta().getAsDouble(), 0.0);
        assertEquals(1.0, c.p().getAsDouble(), 0.0, "all ranks tied: the exact Mann-Whitney p is 1");
        assertEquals(PValueSource.MANN_WHITNEY_EXACT, c.pSource().orElseThrow());
        assertTrue(c.interval().isEmpty());
        assertEquals(Verdict.NOT_SUPPORTED, c.verdict());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("both constant (zero variance)")), c.notes().toString());
        List<Comparison> family = Family.holm(List.of(c, difference(new double[] {0.8, 0.81, 0.82},
                new double[] {0.1, 0.1, 0.1}, HIGHER)));
        assertTrue(family.stream().allMatch(f -> f.adjustedP().getAsDouble() >= 0 && f.adjustedP().getAsDouble() <= 1));
    }

    @Test
    void twoDifferentConstantGroupsAtThreeSeedsCannotBeSignificantAndSaySo() {
        Comparison c = difference(new double[] {0.005, 0.005, 0.005}, new double[] {0.007, 0.007, 0.007}, LOWER);
        // SciPy: mannwhitneyu([0.005]*3, [0.007]*3, method='exact').pvalue = 0.1
        assertEquals(0.1, c.p().getAsDouble(), 1e-15);
        assertEquals(0.002, c.better().getAsDouble(), 1e-15, "lower is better: 0.005 improves on 0.007");
        assertEquals(Verdict.NOT_SUPPORTED, c.verdict());
        assertTrue(c.notes().contains("Mann-Whitney cannot reach alpha 0.05 at n = 3 vs 3 (smallest two-sided p 0.1)"),
                c.notes().toString());
    }

    @Test
    void twoDifferentConstantGroupsAtFiveSeedsAreSignificant() {
        Comparison c = difference(new double[] {1.0, 1.0, 1.0, 1.0, 1.0}, new double[] {0.9, 0.9, 0.9, 0.9, 0.9}, HIGHER);
        // SciPy: mannwhitneyu([1.0]*5, [0.9]*5, method='exact').pvalue = 0.007936507936507936
        assertEquals(0.007936507936507936, c.p().getAsDouble(), 1e-15);
        assertEquals(Verdict.SUPPORTED, c.verdict());
        assertEquals("better", c.verdict().describe(TestKind.DIFFERENCE));
        assertEquals(0.0, c.mde().getAsDouble(), 0.0);
    }

    // ---- item 3: direction

    @Test
    void aWorseLossIsReportedAsWorse() {
        double[] method = {0.36, 0.34, 0.38, 0.33, 0.37};
        double[] reference = {0.21, 0.23, 0.19, 0.25, 0.2};
        Comparison c = difference(method, reference, LOWER);
        assertEquals(1.0, c.a12().getAsDouble(), 0.0, "A12 is method > reference, whatever the direction");
        assertEquals(0.0, c.pBetter().getAsDouble(), 0.0, "but the probability of improvement is 0");
        assertTrue(c.better().getAsDouble() < 0 && c.hedgesG().getAsDouble() > 0);
        assertEquals(Verdict.CONTRADICTED, c.verdict());
        assertEquals("worse", c.verdict().describe(TestKind.DIFFERENCE));
        assertTrue(c.betterInterval().orElseThrow().high() < 0);
    }

    @Test
    void withoutADirectionNothingClaimsBetter() {
        Comparison c = difference(new double[] {1, 2, 3}, new double[] {4, 5, 6}, Optional.empty());
        assertTrue(c.better().isEmpty() && c.pBetter().isEmpty());
        assertEquals(Verdict.NOT_TESTED, c.verdict());
        assertTrue(c.p().isPresent());
        assertThrows(IllegalArgumentException.class, () -> Compare.of(Arm.of(1, 2), Arm.of(3, 4), Optional.empty(),
                new Hypothesis(TestKind.SUPERIORITY, 0, 0.05)));
    }

    // ---- item 4: failures

    @Test
    void divergedRunsAreRankedWorstBesideTheSurvivorsOnlyTest() {
        // 2 of 5 sgd seeds diverged; the 3 survivors are better than the reference
        Arm sgd = new Arm(new double[] {0.86, 0.87, 0.88}, List.of(1L, 2L, 4L), Map.of(OutcomeFlag.DIVERGED, 2));
        Arm ref = new Arm(new double[] {0.80, 0.81, 0.82, 0.805, 0.815}, List.of(1L, 2L, 3L, 4L, 5L), Map.of());
        Comparison c = Compare.of(sgd, ref, HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(3, c.n());
        assertEquals(2, c.failed().get(OutcomeFlag.DIVERGED));
        assertEquals(5, c.referenceN());
        assertEquals(Verdict.SUPPORTED, c.verdict(), "survivors only: significantly better");
        // with the 2 failures last: 3 * 5 wins of 25 pairs
        assertEquals(15.0 / 25, c.pBetter().getAsDouble(), 1e-15);
        assertTrue(c.rankP().getAsDouble() > 0.05, "counting divergence as worst, no significant improvement: "
                + c.rankP().getAsDouble());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("method 2 of 5 (diverged 2)")), c.notes().toString());
        assertEquals(3, c.pairs());
    }

    // ---- item 5: MDE and Mann-Whitney attainability

    @Test
    void everyComparisonCarriesItsMinimumDetectableEffect() {
        Comparison c = difference(new double[] {0.80, 0.82, 0.81}, new double[] {0.79, 0.80, 0.81}, HIGHER);
        // d for 3 + 3 at alpha 0.05, power 0.8 = 3.035252295614148 (MinimumDetectableEffectTest, SciPy)
        assertEquals(3.035252295614148, c.mdeStandardized().getAsDouble(), 1e-9);
        assertEquals(3.035252295614148 * 0.01, c.mde().getAsDouble(), 1e-9, "pooled sd is 0.01");
        assertEquals(0.1, c.mwuMinP().getAsDouble(), 1e-15);
        assertEquals(0.1, Compare.minimumMannWhitneyP(3, 3), 1e-15);
        assertEquals(0.007936507936507936, Compare.minimumMannWhitneyP(5, 5), 1e-15);
        Comparison ten = difference(new double[] {1, 2, 3, 4, 5}, new double[] {2, 3, 4, 5, 6}, HIGHER);
        assertFalse(ten.notes().stream().anyMatch(n -> n.startsWith("Mann-Whitney cannot")));
    }

    // ---- the kinds issue 16 needs

    @Test
    void oneSidedAndEquivalenceTestsMatchScipy() {
        double[] x = {0.80, 0.82, 0.81, 0.83, 0.79};
        double[] y = {0.81, 0.80, 0.82, 0.80, 0.79};
        Comparison sup = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.SUPERIORITY, 0, 0.05));
        // ttest_ind(x, y, equal_var=False, alternative='greater').pvalue = 0.25632024571703926
        assertEquals(0.25632024571703926, sup.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.NOT_SUPPORTED, sup.verdict());
        Comparison ni = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.NON_INFERIORITY, 0.02, 0.05));
        // ttest_ind(x + 0.02, y, equal_var=False, alternative='greater').pvalue = 0.009774917184943437
        assertEquals(0.009774917184943437, ni.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.SUPPORTED, ni.verdict());
        assertEquals(0.9, ni.interval().orElseThrow().coverage(), 1e-15);
        // the 90% Welch interval written out with t.ppf: [-0.010423247525305428, 0.02242324752530566]
        assertEquals(-0.010423247525305428, ni.interval().orElseThrow().low(), 1e-12);
        assertEquals(0.02242324752530566, ni.interval().orElseThrow().high(), 1e-12);
        Comparison eq = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.EQUIVALENCE, 0.02, 0.05));
        // TOST: max of the two one-sided p-values = 0.07535631368985182
        assertEquals(0.07535631368985182, eq.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.NOT_SUPPORTED, eq.verdict());
        assertEquals("inconclusive", eq.verdict().describe(TestKind.EQUIVALENCE));
        // an inferior method: worse by far more than the margin
        Comparison bad = Compare.of(Arm.of(0.5, 0.52, 0.51), Arm.of(x), HIGHER,
                new Hypothesis(TestKind.NON_INFERIORITY, 0.02, 0.05));
        assertEquals(Verdict.CONTRADICTED, bad.verdict());
    }

    @Test
    void theFamilyAdjustsWithHolmAndDecidesOnTheAdjustedValue() {
        Comparison a = difference(new double[] {0.80, 0.82, 0.81, 0.83, 0.79}, new double[] {0.78, 0.79, 0.80, 0.78, 0.77}, HIGHER);
        Comparison b = difference(new double[] {0.81, 0.80, 0.82}, new double[] {0.80, 0.81, 0.79}, HIGHER);
        List<Comparison> f = Family.holm(List.of(a, b));
        double[] expected = Holm.adjust(new double[] {a.p().getAsDouble(), b.p().getAsDouble()});
        assertEquals(expected[0], f.get(0).adjustedP().getAsDouble(), 0.0);
        assertEquals(expected[1], f.get(1).adjustedP().getAsDouble(), 0.0);
        assertEquals(2, Family.size(f));
    }

    @Test
    void summaryStatisticsMatchTtestIndFromStats() {
        // Table I, ResNet50: SGD 93.25 (0.03) against SGD-SALR 94.94 (0.09), 10 seeds each, as fractions;
        // ttest_ind_from_stats(0.9325, 0.0003, 10, 0.9494, 0.0009, 10, equal_var=False).pvalue = 7.214454012585782e-15
        Comparison c = Compare.ofStatistics(0.9325, 0.0003, 10, 0.9494, 0.0009, 10, HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(7.214454012585782e-15, c.p().getAsDouble(), 1e-20);
        assertEquals(Verdict.CONTRADICTED, c.verdict());
    }
}
