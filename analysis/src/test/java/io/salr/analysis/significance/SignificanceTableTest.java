package io.salr.analysis.significance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.tidy.OutcomeFlag;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code analysis/src/test/python/comparison_reference.py}, run with Debian's SciPy 1.10.1,
 * NumPy 1.24.2 and statsmodels 0.13.5.
 */
class SignificanceTableTest {

    private static TidyResults fixture;

    @BeforeAll
    static void load() throws URISyntaxException {
        fixture = TidyResults.read(Path.of(SignificanceTableTest.class
                .getResource("/io/salr/analysis/tidy-fixture.csv").toURI()));
    }

    @Test
    void fixtureRowsMatchScipyAtFullPrecision() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.empty());
        assertEquals("sgd-salr", table.reference());
        Comparison sgd = row(table, "cifar10", "test_accuracy", "sgd").comparison();
        // x = sgd finished runs [0.889, 0.902, 0.885, 0.897] (seed 3 diverged), y = sgd-salr [0.912, 0.905, 0.921,
        // 0.899, 0.917]; SciPy 1.10.1: ttest_ind(x, y, equal_var=False).pvalue = 0.015856936173634293, the Welch
        // 95% interval written out (t.ppf, Welch df) = [-0.030654623543851636, -0.004445376456148271],
        // mannwhitneyu(method='exact').pvalue = 0.031746031746031744, Hedges' g (exact J) = -1.8564051016952081
        assertEquals(4, sgd.n());
        assertEquals(1, sgd.failed().get(OutcomeFlag.DIVERGED));
        assertEquals(0.015856936173634293, sgd.welchP().getAsDouble(), 1e-12);
        // (Commons Math's inverse t distribution is accurate to about 1e-9 of the quantile)
        assertEquals(-0.030654623543851636, sgd.interval().orElseThrow().low(), 1e-10);
        assertEquals(-0.004445376456148271, sgd.interval().orElseThrow().high(), 1e-10);
        assertEquals(0.031746031746031744, sgd.mwuP().getAsDouble(), 1e-14);
        assertEquals(-1.8564051016952081, sgd.hedgesG().getAsDouble(), 1e-10);
        // the failed run ranked worst: mannwhitneyu(x + [worst], y, method='exact') = 0.015873015873015872,
        // probability of improvement U / 25 = 0.04
        assertEquals(0.015873015873015872, sgd.rankP().getAsDouble(), 1e-14);
        assertEquals(0.04, sgd.pBetter().getAsDouble(), 1e-15);
        // paired on the 4 seeds both finished: wilcoxon(...).pvalue = 0.125
        assertEquals(4, sgd.pairs());
        assertEquals(0.125, sgd.wilcoxonP().getAsDouble(), 1e-14);
        // the primary test is that rank test; Holm over (adam, entropy-sgd, sam 0.05, sam 0.1, sgd), entropy-sgd's
        // single run now ranked too: sgd has the smallest p, so 5 * 0.015873015873015872
        assertEquals(sgd.rankP().getAsDouble(), sgd.p().getAsDouble(), 0.0);
        assertEquals(5 * 0.015873015873015872, sgd.adjustedP().getAsDouble(), 1e-12);
        assertEquals(5, row(table, "cifar10", "test_accuracy", "sgd").familySize());
        assertEquals(Verdict.NOT_SUPPORTED, sgd.verdict(), "not significant after Holm");
        assertTrue(sgd.notes().stream().anyMatch(n -> n.contains("1 of 5 (diverged 1)")), sgd.notes().toString());
    }

    @Test
    void betterAndProbabilityOfImprovementFollowTheDirection() {
        // test_loss: lower is better, sgd's loss is higher, so sgd is worse: delta > 0 but better < 0
        Comparison loss = row(SignificanceTable.compute(fixture, Optional.empty()), "cifar10", "test_loss", "sgd")
                .comparison();
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), loss.direction());
        assertTrue(loss.delta().getAsDouble() > 0);
        assertEquals(-loss.delta().getAsDouble(), loss.better().getAsDouble(), 0.0);
        // over all runs, sgd's diverged seed losing to every finished run:
        // mannwhitneyu(salr, sgd + [worst]).statistic / 25 = 2.5 / 25 = 0.1 (SciPy)
        assertEquals(0.1, loss.pBetter().getAsDouble(), 1e-15);
        assertTrue(loss.a12().getAsDouble() > 0.5, "A12 stays method > reference, unoriented");
        assertEquals(0.05130361095481133, loss.welchP().getAsDouble(), 1e-12);
        // the interval of the improvement is the interval of delta, flipped
        assertEquals(-0.0732742821179097, loss.betterInterval().orElseThrow().low(), 1e-10);
    }

    @Test
    void statisticsThatCannotBeComputedAreEmptyWithANote() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.empty());
        Comparison single = row(table, "cifar10", "test_accuracy", "entropy-sgd").comparison();
        assertTrue(single.std().isEmpty() && single.welchP().isEmpty() && single.interval().isEmpty());
        assertTrue(single.notes().contains("n too small: std, ci_low, ci_high, welch_p, mde"), single.notes().toString());
        // one run still ranks: 1 vs 5 cannot reach 0.05 (smallest two-sided p 2/6), and the note says so
        assertEquals(Verdict.NOT_SUPPORTED, single.verdict());
        assertTrue(single.notes().stream().anyMatch(n -> n.startsWith("the rank test cannot reach alpha 0.05 at n = 1 vs 5")),
                single.notes().toString());
        Comparison adam = row(table, "cifar10", "test_accuracy", "adam").comparison();
        assertEquals(4, adam.pairs(), "adam ran seeds 1-4, the reference 1-5: paired on the 4 shared seeds");
    }

    @Test
    void theFamilyIsChosenAndLabelled() {
        SignificanceTable metric = SignificanceTable.compute(fixture, Optional.empty());
        assertEquals("metric: cifar10/resnet18/test_accuracy", row(metric, "cifar10", "test_accuracy", "sgd").family());
        SignificanceTable study = SignificanceTable.compute(fixture, Optional.empty(), Metrics.BUILT_IN, FamilyScope.STUDY);
        SignificanceRow sgd = row(study, "cifar10", "test_accuracy", "sgd");
        assertEquals("study: test_accuracy", sgd.family());
        // test_accuracy over both networks: 5 tested on cifar10 + 2 on mnist = 7
        assertEquals(7, sgd.familySize());
        assertTrue(sgd.comparison().adjustedP().getAsDouble() > metric.rows().stream()
                .filter(r -> r.method().equals("sgd") && r.metric().equals("test_accuracy") && r.dataset().equals("cifar10"))
                .findFirst().orElseThrow().comparison().adjustedP().getAsDouble(), "a larger family adjusts more");
        SignificanceTable network = SignificanceTable.compute(fixture, Optional.empty(), Metrics.BUILT_IN, FamilyScope.NETWORK);
        assertEquals("network: cifar10/resnet18", row(network, "cifar10", "test_loss", "sgd").family());
        assertEquals(6, row(network, "cifar10", "test_loss", "sgd").familySize());
        assertEquals(FamilyScope.STUDY, FamilyScope.parse("Study"));
        assertThrows(IllegalArgumentException.class, () -> FamilyScope.parse("paper"));
    }

    @Test
    void explicitReferenceIsUsedAndTheDefaultReferenceGetsARow() {
        SignificanceTable table = SignificanceTable.compute(fixture, Optional.of("sgd"));
        SignificanceRow salr = row(table, "cifar10", "test_accuracy", "sgd-salr");
        assertEquals("sgd", salr.reference());
        assertEquals(0.9108 - 0.89325, salr.comparison().delta().getAsDouble(), 1e-12);
        assertTrue(table.rows().stream().noneMatch(r -> r.method().equals("sgd")));
        assertTrue(table.rows().stream().noneMatch(r -> OutcomeFlag.isFlag(r.metric())));
    }

    @Test
    void aMethodWhoseRunsAllFailedStillGetsARowRankedWorst() {
        List<TidyRow> rows = new ArrayList<>();
        for (long s = 1; s <= 3; s++) {
            rows.add(new TidyRow("s", "d", "m", "sgd-salr", OptionalDouble.empty(), s, "test_accuracy", 0.8 + s / 100.0, Map.of()));
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "diverged", 1, Map.of()));
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), s, "grad_calls", 100, Map.of()));
        }
        SignificanceTable table = SignificanceTable.compute(TidyResults.of(List.of(), rows), Optional.empty());
        Comparison sgd = row(table, "d", "test_accuracy", "sgd").comparison();
        assertEquals(0, sgd.n());
        assertEquals(3, sgd.nFailed());
        assertTrue(sgd.mean().isEmpty() && sgd.welchP().isEmpty());
        assertEquals(0.0, sgd.pBetter().getAsDouble(), 0.0, "every failed run loses to every finished run");
        assertTrue(table.rows().stream().noneMatch(r -> r.metric().equals("grad_calls")),
                "a failed run's recorded cost is not a sample");
    }

    @Test
    void missingDefaultReferenceIsAnErrorListingMethods() {
        TidyResults noSalr = TidyResults.of(List.of(), List.of(
                new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), 1, "acc", 0.5, Map.of()),
                new TidyRow("s", "d", "m", "adam", OptionalDouble.empty(), 1, "acc", 0.6, Map.of())));
        UnknownReferenceException e = assertThrows(UnknownReferenceException.class,
                () -> SignificanceTable.compute(noSalr, Optional.empty()));
        assertEquals("default reference method 'sgd-salr' is not in the results; methods present: adam, sgd "
                + "(name a reference explicitly)", e.getMessage());
    }

    @Test
    void referenceWithSeveralConfigurationsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignificanceTable.compute(fixture, Optional.of("sam")));
        assertTrue(e.getMessage().contains("reference method 'sam' has 2 hyperparameter configurations")
                && e.getMessage().contains("gamma=0.05;lr=0.1 | gamma=0.1;lr=0.1"), e.getMessage());
    }

    @Test
    void controlRunsOfTheReferenceAreComparedNotComparedAgainst() {
        List<TidyRow> rows = new ArrayList<>();
        for (int seed = 0; seed < 5; seed++) {
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), seed, "test_accuracy", 0.87 + 0.001 * seed,
                    Map.of("horizon", "")));
            rows.add(new TidyRow("s", "d", "m", "sgd", OptionalDouble.empty(), seed, "test_accuracy", 0.80 + 0.001 * seed,
                    Map.of("horizon", "iterations-of:sgd-salr")));
            rows.add(new TidyRow("s", "d", "m", "sgd-salr", OptionalDouble.of(0.02), seed, "test_accuracy",
                    0.82 + 0.001 * seed, Map.of("horizon", "")));
        }
        SignificanceTable t = SignificanceTable.compute(TidyResults.of(List.of("horizon"), rows), Optional.of("sgd"));
        assertEquals(2, t.rows().size(), t.rows().toString());
        assertTrue(t.rows().stream().anyMatch(r -> r.method().equals("sgd[horizon=iterations-of:sgd-salr]")
                && r.comparison().verdict() == Verdict.CONTRADICTED), t.rows().toString());
    }

    private static SignificanceRow row(SignificanceTable table, String dataset, String metric, String method) {
        return table.rows().stream()
                .filter(r -> r.dataset().equals(dataset) && r.metric().equals(metric) && r.method().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + dataset + "/" + metric + "/" + method));
    }
}
