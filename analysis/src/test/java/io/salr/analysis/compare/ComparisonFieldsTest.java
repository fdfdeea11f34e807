package io.salr.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every field of a comparison, in the cases that empty some of them. Reference values from SciPy 1.17.1 and
 * NumPy ({@code mannwhitneyu}, {@code wilcoxon}, {@code t.ppf}); the formulas are in the comments.
 */
class ComparisonFieldsTest {

    private static final Optional<Direction> HIGHER = Optional.of(Direction.HIGHER_IS_BETTER);

    @Test
    void oneRunAgainstThreeKeepsWhatOneRunCanGive() {
        Comparison c = Compare.of(Arm.of(0.9), Arm.of(0.8, 0.81, 0.82), HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(0.9, c.mean().getAsDouble(), 1e-15);
        assertEquals(0.81, c.referenceMean().getAsDouble(), 1e-15);
        assertTrue(c.std().isEmpty());
        assertEquals(0.01, c.referenceStd().getAsDouble(), 1e-15);
        assertEquals(0.09, c.delta().getAsDouble(), 1e-15);
        assertEquals(0.09, c.better().getAsDouble(), 1e-15);
        // mannwhitneyu([0.9], [0.8, 0.81, 0.82], method='exact'): U = 3, p = 0.5; A12 = U / 3 = 1
        assertEquals(0.5, c.p().getAsDouble(), 1e-15);
        assertEquals(0.5, c.mwuP().getAsDouble(), 1e-15);
        assertEquals(0.5, c.mwuMinP().getAsDouble(), 1e-15);
        assertEquals(1.0, c.a12().getAsDouble(), 0.0);
        assertEquals(1.0, c.pBetter().getAsDouble(), 0.0);
        assertTrue(c.interval().isEmpty() && c.welchP().isEmpty() && c.mde().isEmpty() && c.mdeStandardized().isEmpty());
        assertEquals(Verdict.NOT_SUPPORTED, c.verdict());
        assertTrue(c.notes().contains("n too small: std, ci_low, ci_high, welch_p, mde"), c.notes().toString());
        assertTrue(c.notes().contains("the rank test cannot reach alpha 0.05 at n = 1 vs 3 runs (smallest two-sided p 0.5)"),
                c.notes().toString());
        Comparison flipped = Compare.of(Arm.of(0.8, 0.81, 0.82), Arm.of(0.9), HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(flipped.notes().contains("n too small: reference_std, ci_low, ci_high, welch_p, mde"), flipped.notes().toString());
        assertEquals(0.0, flipped.pBetter().getAsDouble(), 0.0);
    }

    @Test
    void withoutADirectionTheTestIsOnFinishedRunsAndSaysWhy() {
        Arm x = new Arm(new double[] {0.8, 0.81}, List.of(), Map.of(OutcomeFlag.DIVERGED, 1));
        Comparison c = Compare.of(x, Arm.of(0.7, 0.71), Optional.empty(), Hypothesis.DIFFERENCE);
        assertEquals(PValueSource.MANN_WHITNEY_EXACT, c.pSource().orElseThrow());
        assertEquals(c.mwuP().getAsDouble(), c.p().getAsDouble(), 0.0);
        assertTrue(c.better().isEmpty() && c.pBetter().isEmpty() && c.rankP().isEmpty());
        assertEquals(Verdict.NOT_TESTED, c.verdict());
        assertTrue(c.notes().contains("direction unknown: better, p_better and the verdict need --direction METRIC=lower|higher"),
                c.notes().toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("failed runs: method 1 of 3 (diverged 1), reference 0 of 2")),
                c.notes().toString());
        Comparison clean = Compare.of(Arm.of(0.8, 0.81), Arm.of(0.7, 0.71), HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(clean.notes().stream().noneMatch(n -> n.startsWith("failed runs")), clean.notes().toString());
        Comparison refFailed = Compare.of(Arm.of(0.8, 0.81), new Arm(new double[] {0.7}, List.of(), Map.of(OutcomeFlag.COLLAPSED, 1)),
                HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(refFailed.notes().stream().anyMatch(n -> n.startsWith("failed runs: method 0 of 2, reference 1 of 2 (collapsed 1)")),
                refFailed.notes().toString());
    }

    @Test
    void allRunsFailedOnOneSideStillRanks() {
        Arm dead = new Arm(new double[0], List.of(), Map.of(OutcomeFlag.DIVERGED, 5));
        Comparison c = Compare.of(dead, Arm.of(0.8, 0.81, 0.82, 0.83, 0.84), HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(c.mean().isEmpty() && c.delta().isEmpty() && c.better().isEmpty() && c.a12().isEmpty());
        // every failed run below every finished one: the exact two-sided p is 2 / C(10, 5)
        assertEquals(2.0 / 252, c.p().getAsDouble(), 1e-15);
        assertEquals(0.0, c.pBetter().getAsDouble(), 0.0);
        assertEquals(Verdict.CONTRADICTED, c.verdict(), "five failures against five finished runs are significantly worse");
        assertTrue(c.notes().contains("no finished run: mean, delta"), c.notes().toString());
        assertTrue(c.notes().contains("n too small: ci_low, ci_high, welch_p, hedges_g, mde"), c.notes().toString());
    }

    @Test
    void pairedSeedsAndEffectSizes() {
        double[] x = {0.80, 0.82, 0.81, 0.83, 0.79};
        double[] y = {0.70, 0.72, 0.75, 0.71, 0.74, 0.73};
        Arm a = new Arm(x, List.of(1L, 2L, 3L, 4L, 5L), Map.of());
        Arm b = new Arm(y, List.of(1L, 2L, 3L, 4L, 5L, 6L), Map.of());
        Comparison c = Compare.of(a, b, HIGHER, Hypothesis.DIFFERENCE);
        // wilcoxon on the 5 shared seeds: p = 0.0625
        assertEquals(5, c.pairs());
        assertEquals(0.0625, c.wilcoxonP().getAsDouble(), 1e-12);
        assertEquals(1.0, c.a12().getAsDouble(), 0.0);
        assertTrue(c.hedgesG().getAsDouble() > 3, "a large standardized effect: " + c.hedgesG());
        // Welch se and df, (t.ppf(0.975) + t.ppf(0.8)) se / sqrt(3 / pi) = 0.03350865193018875; one-sided 0.02893713318653309
        assertEquals(0.03350865193018875, c.mde().getAsDouble(), 1e-9);
        assertEquals(0.02893713318653309, Compare.minimumDetectable(x, y, 0.05, false).getAsDouble(), 1e-9);
        assertEquals(c.mde().getAsDouble() / io.salr.analysis.stats.EffectSizes.pooledStd(x, y),
                c.mdeStandardized().getAsDouble(), 1e-12);
        assertEquals(0.0, Compare.minimumDetectable(new double[] {1, 1}, new double[] {2, 2}, 0.05, true).getAsDouble(), 0.0);
        assertTrue(Compare.minimumDetectable(new double[] {1}, new double[] {2, 3}, 0.05, true).isEmpty());
        assertTrue(Compare.minimumDetectable(new double[] {1, 2}, new double[] {2}, 0.05, true).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Compare.minimumDetectable(x, y, 0, true));
        assertThrows(IllegalArgumentException.class, () -> Compare.minimumDetectable(x, y, 1, true));
        Comparison unpaired = Compare.of(Arm.of(x), b, HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(0, unpaired.pairs());
        assertTrue(unpaired.wilcoxonP().isEmpty());
    }

    @Test
    void summaryStatisticsFillEveryFieldTheyCan() {
        Comparison c = Compare.ofStatistics(0.9325, 0.0003, 10, 0.9494, 0.0009, 10, HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(0.0003, c.std().getAsDouble(), 0.0);
        assertEquals(0.0009, c.referenceStd().getAsDouble(), 0.0);
        assertEquals(0.9325 - 0.9494, c.delta().getAsDouble(), 1e-15);
        assertEquals(0.9325 - 0.9494, c.better().getAsDouble(), 1e-15);
        // g = J(18) d / sp with the exact J = gamma(9) / (sqrt(9) gamma(8.5)), sp = sqrt((9 * 0.0003^2 + 9 * 0.0009^2) / 18)
        assertEquals(-24.12601760404573, c.hedgesG().getAsDouble(), 1e-9);
        // d = (t.ppf(0.975, 18) + t.ppf(0.8, 18)) sqrt(2 / 10) = 1.32508078378888; times sp: 0.0008888912124691913
        assertEquals(1.32508078378888, c.mdeStandardized().getAsDouble(), 1e-9);
        assertEquals(0.0008888912124691913, c.mde().getAsDouble(), 1e-12);
        Comparison lower = Compare.ofStatistics(0.9325, 0.0003, 10, 0.9494, 0.0009, 10,
                Optional.of(Direction.LOWER_IS_BETTER), Hypothesis.DIFFERENCE);
        assertEquals(0.9494 - 0.9325, lower.better().getAsDouble(), 1e-15);
        assertEquals(Verdict.SUPPORTED, lower.verdict());
        // one run against two: an MDE (df 1) but no g, no std of one run
        Comparison one = Compare.ofStatistics(0.5, 0, 1, 0.4, 0.01, 2, HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(one.std().isEmpty() && one.hedgesG().isEmpty());
        assertEquals(0.01, one.referenceStd().getAsDouble(), 0.0);
        assertEquals(0.1724757578365465, one.mde().getAsDouble(), 1e-9);
        assertTrue(one.notes().contains("n too small: ci_low, ci_high, welch_p, p, holm_p, hedges_g"), one.notes().toString());
        Comparison two = Compare.ofStatistics(0.5, 0.01, 2, 0.4, 0.01, 1, HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(two.referenceStd().isEmpty() && two.std().isPresent());
        Comparison flat = Compare.ofStatistics(0.5, 0, 3, 0.4, 0, 3, HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(flat.hedgesG().isEmpty());
        assertTrue(flat.notes().contains("zero variance: ci_low, ci_high, welch_p, p, holm_p, hedges_g"), flat.notes().toString());
        Comparison single = Compare.ofStatistics(0.5, 0, 1, 0.4, 0, 1, HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(single.mde().isEmpty() && single.hedgesG().isEmpty() && single.p().isEmpty());
        assertEquals(Verdict.NOT_TESTED, single.verdict());
        assertThrows(IllegalArgumentException.class,
                () -> Compare.ofStatistics(0.5, 0.1, 0, 0.4, 0.1, 3, HIGHER, Hypothesis.DIFFERENCE));
        assertThrows(IllegalArgumentException.class,
                () -> Compare.ofStatistics(0.5, 0.1, 3, 0.4, 0.1, 0, HIGHER, Hypothesis.DIFFERENCE));
        assertThrows(IllegalArgumentException.class, () -> Compare.ofStatistics(0.5, 0.1, 3, 0.4, 0.1, 3, HIGHER,
                new Hypothesis(TestKind.SUPERIORITY, 0, 0.05)));
        assertThrows(IllegalArgumentException.class, () -> Compare.minimumMannWhitneyP(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Compare.minimumMannWhitneyP(3, 0));
        assertEquals(1.0, Compare.minimumMannWhitneyP(1, 1), 0.0);
    }

    @Test
    void decisionEffectFollowsTheRankTestWhenItDecides() {
        Arm salr = new Arm(new double[] {0.9, 0.91, 0.92}, List.of(), Map.of(OutcomeFlag.DIVERGED, 7));
        Comparison c = Compare.of(salr, Arm.of(0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89), HIGHER,
                Hypothesis.DIFFERENCE);
        assertEquals(c.pBetter().getAsDouble() - 0.5, c.decisionEffect().getAsDouble(), 1e-15);
        assertTrue(c.decisionEffect().getAsDouble() < 0 && c.better().getAsDouble() > 0);
        Comparison s = Compare.ofStatistics(0.5, 0.01, 3, 0.4, 0.01, 3, HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(s.better().getAsDouble(), s.decisionEffect().getAsDouble(), 0.0);
        // adjusted: a significant adjusted p with a negative rank effect is "worse" even though the survivors' mean is higher
        assertEquals(Verdict.CONTRADICTED, c.adjusted(0.01, java.util.OptionalDouble.empty()).verdict());
        assertEquals(Verdict.NOT_SUPPORTED, c.adjusted(0.05, java.util.OptionalDouble.empty()).verdict());
    }

    @Test
    void intervalsAndArmsRefuseNonsense() {
        Interval i = new Interval(-1, 2, 0.9, "Welch t");
        assertTrue(i.contains(-1) && i.contains(2) && i.contains(0.5));
        assertTrue(!i.contains(-1.0001) && !i.contains(2.0001));
        assertEquals(1.5, i.halfWidth(), 0.0);
        assertEquals(new Interval(-2, 1, 0.9, "Welch t"), i.times(-1));
        assertEquals(i, i.times(1));
        assertEquals(i, i.times(0));
        new Interval(1, 1, 0.5, "point");
        assertThrows(IllegalArgumentException.class, () -> new Interval(2, 1, 0.9, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NEGATIVE_INFINITY, 1, 0.9, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0, Double.POSITIVE_INFINITY, 0.9, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0, 1, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0, 1, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> Arm.of(0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Arm(new double[] {1, 2}, List.of(1L), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Arm(new double[] {1}, List.of(), Map.of(OutcomeFlag.DIVERGED, -1)));
        assertThrows(IllegalArgumentException.class, () -> new Arm(new double[0], List.of(), Map.of()));
        Arm onlyFailed = new Arm(new double[0], List.of(), Map.of(OutcomeFlag.COLLAPSED, 1));
        assertEquals(1, onlyFailed.nFailed());
        assertEquals(1, onlyFailed.failed(OutcomeFlag.COLLAPSED));
        assertEquals(0, onlyFailed.failed(OutcomeFlag.DIVERGED));
    }

    @Test
    void edgesOfTheRankTest() {
        // superiority by a margin: a 3-point lead does not clear a 5-point margin
        Hypothesis margin = new Hypothesis(TestKind.SUPERIORITY, 0.05, 0.05);
        Comparison c = Compare.of(Arm.of(0.83, 0.831, 0.832, 0.833, 0.834), Arm.of(0.80, 0.801, 0.802, 0.803, 0.804), HIGHER, margin);
        assertEquals(1.0, c.p().getAsDouble(), 0.0, "every shifted run lies below every reference run");
        // the one-sided kinds' note names the two-sided level 2 alpha, and 0.1 at 3 vs 3 is exactly that
        Comparison three = Compare.of(Arm.of(0.9, 0.91, 0.92), Arm.of(0.8, 0.81, 0.82), HIGHER,
                new Hypothesis(TestKind.SUPERIORITY, 0, 0.05));
        assertTrue(three.notes().contains("the rank test cannot reach alpha 0.1 at n = 3 vs 3 runs (smallest two-sided p 0.1)"),
                three.notes().toString());
        // failed runs of the reference count in its size
        Comparison f = Compare.of(Arm.of(0.9, 0.91), new Arm(new double[] {0.8, 0.81}, List.of(), Map.of(OutcomeFlag.DIVERGED, 1)),
                HIGHER, Hypothesis.DIFFERENCE);
        assertEquals(Compare.minimumMannWhitneyP(2, 3), f.mwuMinP().getAsDouble(), 0.0);
        assertEquals(1, f.referenceNFailed());
        assertEquals(0, f.nFailed());
        // a lower-is-better metric with large values: a failed run still ranks below every finished one
        Comparison loss = Compare.of(new Arm(new double[] {2.0, 2.1}, List.of(), Map.of(OutcomeFlag.DIVERGED, 1)),
                Arm.of(3.0, 3.1, 3.2), Optional.of(Direction.LOWER_IS_BETTER), Hypothesis.DIFFERENCE);
        assertEquals(6.0 / 9, loss.pBetter().getAsDouble(), 1e-15);
        // constant groups: the MDE in units is 0, and the note says why
        Comparison constant = Compare.of(Arm.of(1, 1, 1, 1, 1), Arm.of(0.9, 0.9, 0.9, 0.9, 0.9), HIGHER, Hypothesis.DIFFERENCE);
        assertTrue(constant.notes().contains("zero spread: the minimum detectable effect in units is 0"), constant.notes().toString());
        // a comparison without a p-value does not count in its family
        Comparison untested = Compare.of(new Arm(new double[0], List.of(), Map.of(OutcomeFlag.DIVERGED, 2)), Arm.of(0.8, 0.81),
                Optional.empty(), Hypothesis.DIFFERENCE);
        assertTrue(untested.p().isEmpty());
        assertEquals(0, Family.size(List.of(untested)));
        assertEquals(1, Family.size(List.of(untested, constant)));
    }
}
