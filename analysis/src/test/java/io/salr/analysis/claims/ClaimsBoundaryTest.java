package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Verdict;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The claims engine where a comparison sits on an edge: equal figures, one-sided data, margins, exact zeros. */
class ClaimsBoundaryTest {

    private static ClaimSet claims(String body) {
        return ClaimSet.parse("paper: p\nclaims:\n" + body, Path.of("claims.yaml"));
    }

    private static final ClaimSet WIN = claims("""
              - {id: win, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                 comparisons: [{method: sgd-salr, against: [sgd]}], family: a, paper: {text: the paper says so}}
            """);

    private static void add(List<TidyRow> rows, String method, Double gamma, String metric, double[] values,
            Map<String, Double> perRun) {
        OptionalDouble g = gamma == null ? OptionalDouble.empty() : OptionalDouble.of(gamma);
        for (int s = 0; s < values.length; s++) {
            rows.add(new TidyRow("t", "d", "m", method, g, s, metric, values[s], Map.of()));
            for (Map.Entry<String, Double> e : perRun.entrySet()) {
                rows.add(new TidyRow("t", "d", "m", method, g, s, e.getKey(), e.getValue(), Map.of()));
            }
        }
    }

    private static final double[] HIGH = {0.850, 0.851, 0.852, 0.853, 0.854};
    private static final double[] LOW = {0.800, 0.801, 0.802, 0.803, 0.804};

    @Test
    void gradientCallsWithinOnePercentAreOneBudget() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of("grad_calls", 99.0));
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of("grad_calls", 100.0));
        ClaimVerdict v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals("99 gradient calls per run, 5 vs 5 seeds", v.tests().get(0).scale());
        assertTrue(v.summary().contains("(99 gradient calls per run, 5 vs 5 seeds)"), v.summary());
        assertTrue(v.summary().contains("sgd-salr vs sgd: better, +5 pp [+"), v.summary());
        assertEquals("the paper says so", v.paperFigure());
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of("grad_calls", 98.9));
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of("grad_calls", 100.0));
        assertEquals("99 vs 100 gradient calls per run, 5 vs 5 seeds",
                Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0).tests().get(0).scale());
    }

    @Test
    void aCostMeasuredOnOneSideOnlyIsStillShown() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of("wall_seconds", 12.0));
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of());
        ClaimTest t = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0).tests().get(0);
        assertEquals(1, t.costs().size());
        assertEquals("12 vs -", ClaimsOutput.cost(t, "wall_seconds"));
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of());
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of());
        List<ClaimVerdict> none = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of());
        assertTrue(none.get(0).tests().get(0).costs().isEmpty());
        String md = ClaimsOutput.markdown("p", none);
        assertFalse(md.contains("### Measured cost"), md);
        assertTrue(md.contains("| win | d/m | sgd-salr (gamma=0.01) | sgd | 5 vs 5 | 0/5 [0%, 52%] vs 0/5 [0%, 52%] | 5 pp | [4.8"), md);
        String withCosts = ClaimsOutput.markdown("p", Claims.evaluate(WIN, TidyResults.of(List.of(),
                withWall(rows)), List.of()));
        assertTrue(withCosts.contains("| claim | network | method | against | grad\\_calls | paper\\_calls | forward\\_calls | iterations"
                + " | wall\\_seconds |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"), withCosts);
    }

    private static List<TidyRow> withWall(List<TidyRow> rows) {
        List<TidyRow> out = new ArrayList<>(rows);
        for (int s = 0; s < 5; s++) {
            out.add(new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), s, "wall_seconds", 3, Map.of()));
        }
        return out;
    }

    @Test
    void theCsvCarriesTheIntervalAndItsCoverage() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of());
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of());
        List<ClaimVerdict> v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of());
        ClaimTest t = v.get(0).tests().get(0);
        String[] header = ClaimsOutput.csv(v).split("\n")[0].split(",");
        String[] row = ClaimsOutput.csv(v).split("\n")[1].split(",");
        int low = List.of(header).indexOf("ci_low");
        assertEquals(io.salr.analysis.format.Numbers.format(t.interval().orElseThrow().low()), row[low]);
        assertEquals(io.salr.analysis.format.Numbers.format(t.interval().orElseThrow().high()), row[low + 1]);
        assertEquals("0.9", row[low + 2]);
    }

    @Test
    void theBaselineFailingToodecidesFishersTest() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", new double[] {0.85, 0.851, 0.852, 0.853, 0.854, 0.855, 0.856}, Map.of());
        for (long s = 7; s < 10; s++) {
            rows.add(new TidyRow("t", "d", "m", "sgd-salr", OptionalDouble.of(0.01), s, "diverged", 1, Map.of()));
        }
        add(rows, "sgd", null, "test_accuracy", new double[] {0.80, 0.801, 0.802, 0.803, 0.804, 0.805, 0.806, 0.807, 0.808},
                Map.of());
        rows.add(new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), 9, "diverged", 1, Map.of()));
        ClaimTest t = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0).tests().get(0);
        // fisher_exact([[3, 7], [1, 9]], alternative='greater') = 0.2910216718266254 (SciPy 1.17)
        assertEquals(0.2910216718266254, t.failureP().getAsDouble(), 1e-12);
        assertEquals(10, t.runsAgainst());
        assertEquals(1, t.failedAgainst());
    }

    @Test
    void equalIterationsSaysWhenTheControlRanAnotherLength() {
        ClaimSet set = claims("""
                  - {id: it, where: T2, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     at: equal-iterations, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """);
        for (double[] c : new double[][] {{525, 1}, {520, 0}, {480, 0}, {470, 1}}) {
            List<TidyRow> rows = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                rows.add(new TidyRow("t", "d", "m", "sgd-salr", OptionalDouble.of(0.01), s, "test_accuracy", HIGH[s],
                        Map.of("horizon", "")));
                rows.add(new TidyRow("t", "d", "m", "sgd-salr", OptionalDouble.of(0.01), s, "iterations", 500, Map.of("horizon", "")));
                rows.add(new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), s, "test_accuracy", LOW[s],
                        Map.of("horizon", "iterations-of:sgd-salr")));
                rows.add(new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), s, "iterations", c[0],
                        Map.of("horizon", "iterations-of:sgd-salr")));
            }
            ClaimTest t = Claims.evaluate(set, TidyResults.of(List.of("horizon"), rows), List.of()).get(0).tests().get(0);
            boolean noted = t.notes().stream().anyMatch(n -> n.startsWith("the control ran "));
            assertEquals(c[1] == 1, noted, c[0] + " iterations: " + t.notes());
        }
    }

    @Test
    void theRateCheckAtItsEdges() {
        ClaimSet margin = claims("""
                  - {id: r, where: F3, statement: s, kind: rate-follows-sharpness, metric: rho, test: superiority, margin: 0.1,
                     comparisons: [{method: sgd-salr}]}
                """);
        List<TidyRow> rows = List.of(new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), 0, "test_accuracy", 0.5, Map.of()));
        double[] s = {1, 2, 3, 4, 5};
        List<RunSeries> three = List.of(series(0, s, new double[] {1, 4, 5, 2, 3}), series(1, s, new double[] {1, 3, 4, 5, 2}),
                series(2, s, new double[] {1, 2, 5, 4, 3}));
        // ttest_1samp([0.2, 0.4, 0.6], 0.1, alternative='greater') = 0.060844967173160014
        ClaimTest t = Claims.evaluate(margin, TidyResults.of(List.of(), rows), three).get(0).tests().get(0);
        assertEquals(0.060844967173160014, t.p().getAsDouble(), 1e-9);
        // two runs are enough for a t test: ttest_1samp([0.2, 0.4], 0.1, alternative='greater') = 1/2 - atan(2)/pi
        ClaimTest two = Claims.evaluate(margin, TidyResults.of(List.of(), rows), three.subList(0, 2)).get(0).tests().get(0);
        assertEquals(0.14758361765043304, two.p().getAsDouble(), 1e-9);
        // every run exactly uncorrelated (rho 0, ranks 4 1 3 5 2): the sign test sees no run above or below 0
        ClaimSet zero = claims("""
                  - {id: r, where: F3, statement: s, kind: rate-follows-sharpness, metric: rho, test: superiority,
                     comparisons: [{method: sgd-salr}]}
                """);
        double[] flat = {4, 1, 3, 5, 2};
        assertEquals(0.0, Claims.spearman(s, flat), 0.0);
        List<RunSeries> none = List.of(series(0, s, flat), series(1, s, flat), series(2, s, flat));
        ClaimTest z = Claims.evaluate(zero, TidyResults.of(List.of(), rows), none).get(0).tests().get(0);
        assertEquals(1.0, z.p().getAsDouble(), 0.0);
        assertEquals(1.0, z.adjustedReverseP().getAsDouble(), 0.0);
        assertEquals(Verdict.NOT_SUPPORTED, z.verdict());
        assertEquals("rate-follows-sharpness", ClaimKind.RATE_FOLLOWS_SHARPNESS.word());
    }

    private static RunSeries series(long seed, double[] s, double[] lr) {
        return new RunSeries("d", "m", "sgd-salr", seed, s, lr);
    }

    @Test
    void wordsAtZeroAndEqualRanges() {
        assertEquals("+0 pp", Claims.signed("test_accuracy", 0));
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", HIGH, Map.of());
        add(rows, "sgd-salr", 0.02, "test_accuracy", HIGH, Map.of());
        add(rows, "sgd", null, "test_accuracy", LOW, Map.of());
        ClaimVerdict v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertTrue(v.summary().contains("(2 configuration pairs): 2 better (+5 pp to +5 pp)"), v.summary());
    }
}
