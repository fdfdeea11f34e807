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
        assertEquals(PValueSource.RANK_FAILURES_WORST, c.pSource().orElseThrow());
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
        assertTrue(c.notes().contains("the rank test cannot reach alpha 0.05 at n = 3 vs 3 runs (smallest two-sided p 0.1)"),
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
        assertTrue(c.welchP().getAsDouble() < 0.05, "survivors only would say significantly better");
        // with the 2 failures last: 3 * 5 wins of 25 pairs
        assertEquals(15.0 / 25, c.pBetter().getAsDouble(), 1e-15);
        // permutation_test((a, b), U, permutation_type='independent', n_resamples=inf) with the failures at -10
        assertEquals(0.6349206349206349, c.p().getAsDouble(), 1e-12);
        assertEquals(c.rankP().getAsDouble(), c.p().getAsDouble(), 0.0);
        assertEquals(PValueSource.RANK_FAILURES_WORST, c.pSource().orElseThrow());
        assertEquals(Verdict.NOT_SUPPORTED, c.verdict(), "the primary test counts divergence as worst");
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("method 2 of 5 (diverged 2)")), c.notes().toString());
        assertEquals(3, c.pairs());
    }

    // ---- item 5: MDE and Mann-Whitney attainability

    @Test
    void everyComparisonCarriesItsMinimumDetectableEffect() {
        Comparison c = difference(new double[] {0.80, 0.82, 0.81}, new double[] {0.79, 0.80, 0.81}, HIGHER);
        // Welch's se and df, (t.ppf(0.975, df) + t.ppf(0.8, df)) * se / sqrt(3 / pi) in SciPy 1.17: 0.031060547394578406
        assertEquals(0.031060547394578406, c.mde().getAsDouble(), 1e-9);
        assertEquals(0.031060547394578406 / 0.01, c.mdeStandardized().getAsDouble(), 1e-9, "pooled sd is 0.01");
        assertEquals(0.1, c.mwuMinP().getAsDouble(), 1e-15);
        assertEquals(0.1, Compare.minimumMannWhitneyP(3, 3), 1e-15);
        assertEquals(0.007936507936507936, Compare.minimumMannWhitneyP(5, 5), 1e-15);
        Comparison ten = difference(new double[] {1, 2, 3, 4, 5}, new double[] {2, 3, 4, 5, 6}, HIGHER);
        assertFalse(ten.notes().stream().anyMatch(n -> n.startsWith("the rank test cannot")));
    }

    // ---- the kinds issue 16 needs

    @Test
    void oneSidedAndEquivalenceTestsMatchScipy() {
        double[] x = {0.80, 0.82, 0.81, 0.83, 0.79};
        double[] y = {0.81, 0.80, 0.82, 0.80, 0.79};
        Comparison sup = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.SUPERIORITY, 0, 0.05));
        // the exact rank test with ties: permutation_test((x, y), U, permutation_type='independent',
        // alternative='greater', n_resamples=inf).pvalue = 0.3253968253968254 (SciPy 1.17)
        assertEquals(0.3253968253968254, sup.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.NOT_SUPPORTED, sup.verdict());
        Comparison ni = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.NON_INFERIORITY, 0.02, 0.05));
        // the same on x + 0.02: 0.011904761904761904
        assertEquals(0.011904761904761904, ni.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.SUPPORTED, ni.verdict());
        assertEquals(0.9, ni.interval().orElseThrow().coverage(), 1e-15);
        // the 90% Welch interval written out with t.ppf: [-0.010423247525305428, 0.02242324752530566]
        assertEquals(-0.010423247525305428, ni.interval().orElseThrow().low(), 1e-12);
        assertEquals(0.02242324752530566, ni.interval().orElseThrow().high(), 1e-12);
        Comparison eq = Compare.of(Arm.of(x), Arm.of(y), HIGHER, new Hypothesis(TestKind.EQUIVALENCE, 0.02, 0.05));
        // two one-sided rank tests: max(greater on x + 0.02, less on x - 0.02) = 0.05952380952380952
        assertEquals(0.05952380952380952, eq.p().getAsDouble(), 1e-12);
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
        assertTrue(a.reverseP().isEmpty(), "a two-sided test covers both directions itself");
        assertEquals(expected[0], f.get(0).adjustedP().getAsDouble(), 0.0);
        assertEquals(expected[1], f.get(1).adjustedP().getAsDouble(), 0.0);
        assertEquals(2, Family.size(f));
    }

    @Test
    void oneSidedTestsShareOneHolmFamilyWithTheirOpposites() {
        double[] x = {0.80, 0.82, 0.81, 0.83, 0.79};
        double[] y = {0.70, 0.71, 0.72, 0.73, 0.74};
        Hypothesis sup = new Hypothesis(TestKind.SUPERIORITY, 0, 0.05);
        Comparison a = Compare.of(Arm.of(x), Arm.of(y), HIGHER, sup);
        Comparison b = Compare.of(Arm.of(y), Arm.of(x), HIGHER, sup);
        List<Comparison> f = Family.holm(List.of(a, b));
        double[] expected = Holm.adjust(new double[] {a.p().getAsDouble(), a.reverseP().getAsDouble(),
                b.p().getAsDouble(), b.reverseP().getAsDouble()});
        assertEquals(expected[0], f.get(0).adjustedP().getAsDouble(), 0.0);
        assertEquals(expected[2], f.get(1).adjustedP().getAsDouble(), 0.0);
        assertEquals(4 / 252.0, expected[3], 1e-15, "the opposite of b is adjusted as one of four");
        assertEquals(4, Family.size(f), "m counts each claim and its opposite");
        // 1/252 = 0.00397 for each win, times 4 in the first Holm step: 0.0159, still below 0.05
        assertEquals(Verdict.SUPPORTED, f.get(0).verdict());
        assertEquals(Verdict.CONTRADICTED, f.get(1).verdict());
    }

    @Test
    void manyFailuresAgainstFewBetterSurvivorsNeverReadAsBetter() {
        // 7 of 10 diverged; the 3 survivors beat every reference run
        Arm salr = new Arm(new double[] {0.9, 0.91, 0.92}, List.of(), Map.of(OutcomeFlag.DIVERGED, 7));
        Arm ref = Arm.of(0.80, 0.80555, 0.8111, 0.81666, 0.82222, 0.82777, 0.83333, 0.83888, 0.84444, 0.85);
        Comparison d = Compare.of(salr, ref, HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(d.better().getAsDouble() > 0, "the survivors' mean is higher");
        // SciPy permutation test, failures at -10: two-sided 0.1340362423953755
        assertEquals(0.1340362423953755, d.p().getAsDouble(), 1e-12);
        assertEquals(Verdict.NOT_SUPPORTED, d.verdict());
        Comparison s = Compare.of(salr, ref, HIGHER, new Hypothesis(TestKind.SUPERIORITY, 0, 0.05));
        assertTrue(s.p().getAsDouble() > 0.5, "superiority is nowhere near: " + s.p().getAsDouble());
        assertEquals(0.06701812119768775, s.reverseP().getAsDouble(), 1e-12);
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
