package io.salr.analysis.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.compare.Verdict;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.validation.InvalidParameterException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    private static final Path SHIPPED = Path.of("..", "ci", "claims", "salr-tnnls-2023.yaml");

    /** Rows of one configuration: a value per seed, and optional cost metrics per run. */
    private static void add(List<TidyRow> rows, String method, Double gamma, String metric, double[] values,
            Map<String, Double> perRun) {
        for (int s = 0; s < values.length; s++) {
            OptionalDouble g = gamma == null ? OptionalDouble.empty() : OptionalDouble.of(gamma);
            rows.add(new TidyRow("t", "fashion-mnist", "mlp", method, g, s, metric, values[s], Map.of()));
            for (Map.Entry<String, Double> e : perRun.entrySet()) {
                rows.add(new TidyRow("t", "fashion-mnist", "mlp", method, g, s, e.getKey(), e.getValue(), Map.of()));
            }
        }
    }

    private static double[] around(double mean, double... offsets) {
        double[] v = new double[offsets.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + offsets[i];
        }
        return v;
    }

    private static final double[] SPREAD = {-0.002, -0.001, 0, 0.001, 0.002};

    private static ClaimSet claims(String body) {
        return ClaimSet.parse("paper: test paper\nclaims:\n" + body, Path.of("claims.yaml"));
    }

    @Test
    void aClearWinIsSupportedALossContradictedAndATieNotSupported() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of("iterations", 500.0, "grad_calls", 4690.0));
        add(rows, "sgd", null, "test_accuracy", around(0.80, SPREAD), Map.of("iterations", 4690.0, "grad_calls", 4690.0));
        add(rows, "sam", null, "test_accuracy", around(0.90, SPREAD), Map.of("iterations", 2345.0, "grad_calls", 4690.0));
        add(rows, "swa", null, "test_accuracy", around(0.85, 0.001, -0.001, 0.003, -0.003, 0), Map.of());
        ClaimSet set = claims("""
                  - {id: win, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], family: a}
                  - {id: loss, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sam]}], family: b}
                  - {id: tie, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [swa]}], family: c}
                  - {id: absent, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: adam-salr, against: [adam]}], family: d}
                """);
        List<ClaimVerdict> v = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of());
        assertEquals(Verdict.SUPPORTED, v.get(0).verdict());
        assertEquals(Verdict.CONTRADICTED, v.get(1).verdict());
        assertEquals(Verdict.NOT_SUPPORTED, v.get(2).verdict());
        assertEquals(Verdict.NOT_TESTED, v.get(3).verdict());
        assertTrue(v.get(3).summary().contains("the input lacks adam-salr"), v.get(3).summary());
        ClaimTest win = v.get(0).tests().get(0);
        assertEquals(0.05, win.improvement().getAsDouble(), 1e-12);
        assertEquals(5, win.n());
        assertTrue(win.scale().contains("4690 gradient calls per run"), win.scale());
        assertTrue(win.scale().contains("500 vs 4690 iterations (ratio 9.38)"), win.scale());
        assertTrue(v.get(0).summary().startsWith("supported on fashion-mnist/mlp"), v.get(0).summary());
        assertTrue(v.get(1).summary().contains("sgd-salr vs sam: worse, -5 pp"), v.get(1).summary());
    }

    @Test
    void holmAdjustsOverTheFamilyAcrossClaims() {
        List<TidyRow> rows = new ArrayList<>();
        double[] salr = around(0.80, 0.004, -0.003, 0.001, 0.006, -0.002);
        double[] sgd = around(0.797, 0.003, -0.004, 0.002, -0.001, 0.001);
        double[] swa = around(0.795, -0.002, 0.003, 0.001, -0.004, 0.002);
        add(rows, "sgd-salr", 0.01, "test_accuracy", salr, Map.of());
        add(rows, "sgd", null, "test_accuracy", sgd, Map.of());
        add(rows, "swa", null, "test_accuracy", swa, Map.of());
        String two = """
                  - {id: one, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], family: %s}
                  - {id: two, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [swa]}], family: %s}
                """;
        TidyResults results = TidyResults.of(List.of(), rows);
        List<ClaimVerdict> apart = Claims.evaluate(claims(two.formatted("x", "y")), results, List.of());
        List<ClaimVerdict> together = Claims.evaluate(claims(two.formatted("z", "z")), results, List.of());
        ClaimTest t1 = together.get(0).tests().get(0);
        ClaimTest t2 = together.get(1).tests().get(0);
        double p1 = t1.p().getAsDouble();
        double p2 = t2.p().getAsDouble();
        assertEquals(io.salr.analysis.stats.MannWhitneyExact.greaterP(salr, sgd), p1, 1e-15, "the one-sided rank test");
        double r1 = io.salr.analysis.stats.MannWhitneyExact.greaterP(sgd, salr);
        double r2 = io.salr.analysis.stats.MannWhitneyExact.greaterP(swa, salr);
        // a family of one test is still two p-values: the claim's and its opposite's
        double[] alone = io.salr.analysis.stats.Holm.adjust(new double[] {p1, r1});
        assertEquals(alone[0], apart.get(0).tests().get(0).adjustedP().getAsDouble(), 1e-12);
        assertEquals(alone[1], apart.get(0).tests().get(0).adjustedReverseP().getAsDouble(), 1e-12);
        double[] holm = io.salr.analysis.stats.Holm.adjust(new double[] {p1, r1, p2, r2});
        assertEquals(holm[0], t1.adjustedP().getAsDouble(), 1e-12);
        assertEquals(holm[1], t1.adjustedReverseP().getAsDouble(), 1e-12);
        assertEquals(holm[2], t2.adjustedP().getAsDouble(), 1e-12);
        assertEquals(holm[3], t2.adjustedReverseP().getAsDouble(), 1e-12);
        assertEquals(4, t1.familySize());
    }

    @Test
    void fewerEpochsCountsOnlyAtTheClaimedRatio() {
        ClaimSet set = claims("""
                  - {id: e, where: VI, statement: s, kind: fewer-epochs, metric: test_accuracy, test: superiority,
                     epoch_ratio: 5, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """);
        // a loss at 10x fewer iterations does not refute a claim about 5x
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.80, SPREAD), Map.of("iterations", 469.0));
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of("iterations", 4690.0));
        ClaimVerdict harsh = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(Verdict.NOT_TESTED, harsh.verdict(), "the design cannot test a claim about 5x at 10x");
        assertTrue(harsh.tests().get(0).notes().stream().anyMatch(n -> n.startsWith("not tested: the baseline ran 10 times")
                        && n.endsWith("the rank test alone would say worse")), harsh.tests().get(0).notes().toString());
        assertTrue(harsh.tests().get(0).decidingP().isEmpty());
        // a win at 2x fewer iterations does not show a claim about 5x
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.90, SPREAD), Map.of("iterations", 2345.0));
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of("iterations", 4690.0));
        assertEquals(Verdict.NOT_TESTED, Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0).verdict());
        // a win at the claimed ratio is supported
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.90, SPREAD), Map.of("iterations", 938.0));
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of("iterations", 4690.0));
        assertEquals(Verdict.SUPPORTED, Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0).verdict());
    }

    @Test
    void gammaEquivalenceComparesEachGammaWithTheNearestToTheReference() {
        ClaimSet set = claims("""
                  - {id: g, where: T7, statement: s, kind: gamma, metric: test_accuracy, test: equivalence, margin: 0.01,
                     reference_gamma: 0.01, comparisons: [{method: sgd-salr}]}
                """);
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.001, "test_accuracy", around(0.851, SPREAD), Map.of());
        add(rows, "sgd-salr", 0.012, "test_accuracy", around(0.850, SPREAD), Map.of());
        add(rows, "sgd-salr", 0.05, "test_accuracy", around(0.852, SPREAD), Map.of());
        ClaimVerdict v = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(2, v.tests().size());
        assertTrue(v.tests().stream().allMatch(t -> t.against().equals("sgd-salr (gamma=0.012)")), v.tests().toString());
        assertEquals(Verdict.SUPPORTED, v.verdict());
        assertTrue(v.tests().get(0).notes().stream().anyMatch(n -> n.contains("the nearest gamma, 0.012")));
        // one gamma only: not tested, and the summary says what to run
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of());
        ClaimVerdict one = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(Verdict.NOT_TESTED, one.verdict());
        assertTrue(one.summary().contains("gamma study"), one.summary());
        // a gamma 2 points worse is not equivalent
        rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of());
        add(rows, "sgd-salr", 0.02, "test_accuracy", around(0.83, SPREAD), Map.of());
        assertEquals(Verdict.CONTRADICTED, Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0).verdict());
    }

    @Test
    void rateClaimIsAOneSampleTestOfPerRunRankCorrelations() {
        ClaimSet set = claims("""
                  - {id: r, where: F3, statement: s, kind: rate-follows-sharpness, metric: rho, test: superiority,
                     comparisons: [{method: sgd-salr}]}
                """);
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of());
        // three runs with Spearman correlations 0.2, 0.4 and 0.6 (ranks chosen to give exactly those)
        List<RunSeries> series = List.of(
                run(0, new double[] {1, 2, 3, 4, 5}, new double[] {1, 4, 5, 2, 3}),
                run(1, new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 4, 5, 2}),
                run(2, new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 5, 4, 3}));
        double[] rho = series.stream().mapToDouble(s -> Claims.spearman(s.sHat(), s.learningRate())).toArray();
        assertEquals(0.2, rho[0], 1e-12);
        assertEquals(0.4, rho[1], 1e-12);
        assertEquals(0.6, rho[2], 1e-12);
        ClaimTest t = Claims.evaluate(set, TidyResults.of(List.of(), rows), series).get(0).tests().get(0);
        assertEquals(0.4, t.improvement().getAsDouble(), 1e-12);
        // scipy.stats.ttest_1samp([0.2, 0.4, 0.6], 0, alternative='greater').pvalue
        assertEquals(0.03708995011372425, t.p().getAsDouble(), 1e-12);
        // the 90% one-sample t interval and the MDE (t.ppf(0.95, 2) + t.ppf(0.8, 2)) se, SciPy 1.17
        assertEquals(0.06282910783059042, t.interval().orElseThrow().low(), 1e-9);
        assertEquals(0.7371708921694098, t.interval().orElseThrow().high(), 1e-9);
        assertEquals(0.9, t.interval().orElseThrow().coverage(), 1e-15);
        assertEquals(0.4596453793085686, t.mde().getAsDouble(), 1e-9);
        assertEquals(0.9629100498862757, t.adjustedReverseP().getAsDouble(), 1e-9, "Holm: max(2 p, 1 - p)");
        // Holm over the claim and its opposite: 2 p = 0.0742, not below 0.05 at 3 runs
        assertEquals(2 * 0.03708995011372425, t.adjustedP().getAsDouble(), 1e-12);
        assertEquals(Verdict.NOT_SUPPORTED, t.verdict());
        assertTrue(Claims.evaluate(set, TidyResults.of(List.of(), rows), series).get(0).mechanism(),
                "rate-follows-sharpness is a mechanism check, shown apart from the verdicts");
        // an export has no series: not tested
        ClaimVerdict none = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(Verdict.NOT_TESTED, none.verdict());
        assertTrue(none.summary().contains("iteration logs"), none.summary());
    }

    private static RunSeries run(long seed, double[] s, double[] lr) {
        return new RunSeries("fashion-mnist", "mlp", "sgd-salr", seed, s, lr);
    }

    @Test
    void theShippedClaimsParseAndThePapersTablesAreReadAtFaceValue() {
        ClaimSet set = ClaimSet.read(SHIPPED);
        assertEquals(List.of("table-1-sgd", "table-1-adam", "entropy-salr", "flatter", "flatter-lambda",
                "flatter-equal-iterations", "flatter-lambda-equal-iterations", "gamma-insensitive", "fewer-epochs",
                "rate-follows-sharpness"), set.claims().stream().map(Claim::id).limit(10).toList()); // later ones appended
        assertEquals(Claim.At.EQUAL_ITERATIONS, set.claims().get(5).at());
        assertEquals(Claim.At.EQUAL_CALLS, set.claims().get(3).at());
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of());
        List<ClaimVerdict> v = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of());
        String paper = v.get(0).paperFigure();
        // Table I (top): SGD-SALR above SGD on all four networks, by 0.52 (All-CNN-BN: 92.45 - 91.93) to 1.69 points (ResNet50)
        assertTrue(paper.contains("sgd-salr vs sgd significantly better on 4 of 4 networks (+0.52 pp to +1.69 pp)"), paper);
        assertTrue(v.get(3).paperFigure().contains("sgd-salr vs sgd significantly better on 4 of 4 networks"),
                v.get(3).paperFigure());
        v.forEach(c -> assertEquals(Verdict.NOT_TESTED, c.verdict(), c.claim().id()));
    }

    @Test
    void badClaimsFilesNameTheFieldAndTheValue() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superior,
                     comparisons: [{method: sgd-salr, against: [sgd]}]}
                """));
        assertEquals("claims[0].test", e.parameter());
        assertEquals("superior", e.value());
        e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr}]}
                """));
        assertEquals("claims[0].comparisons[0].against", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: a, where: w, statement: s, kind: gamma, metric: test_accuracy, test: equivalence,
                     reference_gamma: 0.01, comparisons: [{method: sgd-salr}]}
                """));
        assertEquals("claims[0].margin", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], colour: red}
                """));
        assertEquals("claims[0].colour", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}]}
                  - {id: a, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}]}
                """));
        assertEquals("claims[1].id", e.parameter());
    }

    @Test
    void csvHasOneRowPerTestAndOneForAClaimWithout() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of());
        add(rows, "sgd", null, "test_accuracy", around(0.80, SPREAD), Map.of());
        ClaimSet set = claims("""
                  - {id: win, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}]}
                  - {id: absent, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: adam-salr, against: [adam]}]}
                """);
        String csv = ClaimsOutput.csv(Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of()));
        String[] lines = csv.split("\n");
        assertEquals(3, lines.length, csv);
        assertEquals(String.join(",", ClaimsOutput.COLUMNS), lines[0]);
        assertTrue(lines[1].startsWith("win,verdict,T1,supported,fashion-mnist,mlp,sgd-salr (gamma=0.01),sgd,test_accuracy,superiority"), lines[1]);
        assertTrue(lines[2].startsWith("absent,verdict,T1,not tested,"), lines[2]);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < ClaimsOutput.COLUMNS.size(); i++) {
            columns.put(ClaimsOutput.COLUMNS.get(i), i);
        }
        assertEquals(ClaimsOutput.COLUMNS.size(), columns.size());
    }

    /** A failed run: the flag and nothing else. */
    private static void failed(List<TidyRow> rows, String method, Double gamma, long seed) {
        OptionalDouble g = gamma == null ? OptionalDouble.empty() : OptionalDouble.of(gamma);
        rows.add(new TidyRow("t", "fashion-mnist", "mlp", method, g, seed, "diverged", 1, Map.of()));
    }

    private static double[] ramp(double from, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + 0.001 * i;
        }
        return v;
    }

    private static final ClaimSet WIN = claims("""
              - {id: win, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                 comparisons: [{method: sgd-salr, against: [sgd]}], family: a}
            """);

    @Test
    void failedRunsCountAsTheWorstOutcomeInTheVerdict() {
        // 7 of 10 SALR seeds diverged, the 3 survivors beat every SGD seed: the survivors alone would say "better"
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.02, "test_accuracy", new double[] {0.90, 0.91, 0.92}, Map.of());
        for (long s = 3; s < 10; s++) {
            failed(rows, "sgd-salr", 0.02, s);
        }
        add(rows, "sgd", null, "test_accuracy", ramp(0.80, 10), Map.of());
        ClaimVerdict v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0);
        ClaimTest t = v.tests().get(0);
        assertTrue(t.improvement().getAsDouble() > 0.05, "the survivors' mean is far higher");
        assertEquals(3, t.n());
        assertEquals(7, t.failed());
        assertTrue(t.p().getAsDouble() > 0.5, "the rank test with failures last sees no win: " + t.p());
        assertEquals(Verdict.NOT_SUPPORTED, v.verdict());
        // fisher_exact([[7, 3], [0, 10]], alternative='greater') = 0.001547987616099071 (SciPy 1.17)
        assertEquals(0.001547987616099071, t.failureP().getAsDouble(), 1e-12);
        assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("the method fails significantly more often")), t.notes().toString());
        String csv = ClaimsOutput.csv(List.of(v));
        Map<String, String> row = row(csv, 1);
        assertEquals("0.347547", row.get("failure_rate_low"));
        assertEquals("0.93326", row.get("failure_rate_high"));
        assertEquals("0", row.get("failure_rate_against_low"));
        assertEquals("0.308497", row.get("failure_rate_against_high"));
        assertEquals("0.00154799", row.get("fisher_p"));
    }

    @Test
    void aSignificantWinIsNotSupportedWhileTheMethodFailsSignificantlyMoreOften() {
        // 14 SALR seeds finish above every SGD seed, 6 diverge; SGD never fails
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.02, "test_accuracy", ramp(0.90, 14), Map.of());
        for (long s = 14; s < 20; s++) {
            failed(rows, "sgd-salr", 0.02, s);
        }
        add(rows, "sgd", null, "test_accuracy", ramp(0.80, 20), Map.of());
        ClaimTest t = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0).tests().get(0);
        assertTrue(t.adjustedP().getAsDouble() < 0.05, "the rank test alone supports it: " + t.adjustedP());
        // fisher_exact([[6, 14], [0, 20]], alternative='greater') = 0.010088 < 0.05
        assertTrue(t.failureP().getAsDouble() < 0.05, "fails more often: " + t.failureP());
        assertEquals(Verdict.NOT_SUPPORTED, t.verdict());
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("not supported whatever the rank test says")), t.notes().toString());
        assertEquals(Verdict.SUPPORTED, Claims.failureVerdict(Verdict.SUPPORTED, 0.05, 0.05, new ArrayList<>()),
                "at p = alpha the failure rate is not significant");
        assertEquals(Verdict.CONTRADICTED, Claims.failureVerdict(Verdict.CONTRADICTED, 0.01, 0.05, new ArrayList<>()));
    }

    @Test
    void theDecidingAdjustedPIsPrintedAndDecides() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.80, SPREAD), Map.of());
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of());
        List<ClaimVerdict> v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of());
        ClaimTest t = v.get(0).tests().get(0);
        assertEquals(Verdict.CONTRADICTED, t.verdict());
        // every SALR run below every SGD run: the opposite's exact p is 1/252, times 2 in a family of two
        assertEquals(2 / 252.0, t.adjustedReverseP().getAsDouble(), 1e-15);
        assertEquals(t.adjustedReverseP().getAsDouble(), t.decidingP().getAsDouble(), 0.0, "a contradiction rests on the opposite");
        assertEquals(1.0, t.adjustedP().getAsDouble(), 0.0);
        Map<String, String> row = row(ClaimsOutput.csv(v), 1);
        assertEquals("0.00793651", row.get("deciding_p"));
        assertEquals("0.00793651", row.get("adjusted_reverse_p"));
        assertEquals("worse", row.get("verdict"), "the test's word is the one significance.csv uses");
        assertEquals("contradicted", row.get("claim_verdict"));
        String md = ClaimsOutput.markdown("p", v);
        assertTrue(md.contains("| 0.00793651 |"), md);
        // boundaries of the rule
        assertEquals(OptionalDouble.of(0.2), Claims.deciding(Verdict.NOT_SUPPORTED, OptionalDouble.of(0.2), OptionalDouble.of(0.3)));
        assertEquals(OptionalDouble.of(0.2), Claims.deciding(Verdict.SUPPORTED, OptionalDouble.of(0.2), OptionalDouble.of(0.3)));
        assertEquals(OptionalDouble.of(0.3), Claims.deciding(Verdict.CONTRADICTED, OptionalDouble.of(0.2), OptionalDouble.of(0.3)));
        assertTrue(Claims.deciding(Verdict.NOT_TESTED, OptionalDouble.of(0.2), OptionalDouble.of(0.3)).isEmpty());
    }

    @Test
    void theMdeIsTheRankTestsAtItsHolmStep() {
        List<TidyRow> rows = new ArrayList<>();
        double[] x = around(0.85, SPREAD);
        double[] y = around(0.80, 0.003, -0.001, 0.002, -0.004, 0);
        add(rows, "sgd-salr", 0.01, "test_accuracy", x, Map.of());
        add(rows, "sgd", null, "test_accuracy", y, Map.of());
        ClaimTest t = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0).tests().get(0);
        // the claim's p is the smaller of the family of two: Holm's first step, alpha / 2, one-sided
        assertEquals(io.salr.analysis.compare.Compare.minimumDetectable(x, y, 0.025, false).getAsDouble(),
                t.mde().getAsDouble(), 1e-15);
        assertTrue(t.mde().getAsDouble() > io.salr.analysis.compare.Compare.minimumDetectable(x, y, 0.05, false).getAsDouble());
        assertEquals(0, Claims.rank(new double[] {0.1, 0.2, 0.1}, 0));
        assertEquals(1, Claims.rank(new double[] {0.1, 0.2, 0.1}, 2), "ties go by index, as in Holm");
        assertEquals(2, Claims.rank(new double[] {0.1, 0.2, 0.1}, 1));
    }

    @Test
    void everyEqualCallsComparisonSaysHowManyMoreIterationsTheBaselineRanAndShowsTheCosts() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD),
                Map.of("iterations", 493.0, "grad_calls", 4692.0, "forward_calls", 2400.0, "wall_seconds", 61.5));
        add(rows, "sgd", null, "test_accuracy", around(0.80, SPREAD),
                Map.of("iterations", 4690.0, "grad_calls", 4690.0, "forward_calls", 4690.0, "wall_seconds", 20.25));
        List<ClaimVerdict> v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of());
        ClaimTest t = v.get(0).tests().get(0);
        assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("at equal gradient calls the baseline ran 9.51 times the method's iterations")),
                t.notes().toString());
        Map<String, String> row = row(ClaimsOutput.csv(v), 1);
        assertEquals("2400", row.get("forward_calls"));
        assertEquals("4690", row.get("forward_calls_against"));
        assertEquals("61.5", row.get("wall_seconds"));
        assertEquals("20.25", row.get("wall_seconds_against"));
        assertEquals("493", row.get("iterations"));
        String md = ClaimsOutput.markdown("p", v);
        assertTrue(md.contains("### Measured cost per run (no tests)"), md);
        assertTrue(md.contains("| 2400 vs 4690 |") && md.contains("| 61.5 vs 20.3 |"), md);
        // at equal iterations (within 5%) no caveat
        List<String> notes = new ArrayList<>();
        Claims.iterationCaveat(OptionalDouble.of(1.05), notes);
        assertTrue(notes.isEmpty(), notes.toString());
        Claims.iterationCaveat(OptionalDouble.of(1.06), notes);
        assertEquals(1, notes.size());
    }

    @Test
    void fewerEpochsIsTestedOnlyWithinTheTolerance() {
        Claim c = claims("""
                  - {id: e, where: VI, statement: s, kind: fewer-epochs, metric: test_accuracy, test: superiority,
                     epoch_ratio: 5, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """).claims().get(0);
        assertEquals(Verdict.SUPPORTED, Claims.epochsVerdict(c, Verdict.SUPPORTED, OptionalDouble.of(4.75), new ArrayList<>()));
        assertEquals(Verdict.SUPPORTED, Claims.epochsVerdict(c, Verdict.SUPPORTED, OptionalDouble.of(5.25), new ArrayList<>()));
        assertEquals(Verdict.NOT_TESTED, Claims.epochsVerdict(c, Verdict.SUPPORTED, OptionalDouble.of(4.74), new ArrayList<>()));
        assertEquals(Verdict.NOT_TESTED, Claims.epochsVerdict(c, Verdict.CONTRADICTED, OptionalDouble.of(5.26), new ArrayList<>()));
        assertEquals(Verdict.NOT_TESTED, Claims.epochsVerdict(c, Verdict.SUPPORTED, OptionalDouble.empty(), new ArrayList<>()));
        assertEquals(Verdict.CONTRADICTED, Claims.epochsVerdict(c, Verdict.CONTRADICTED, OptionalDouble.of(5), new ArrayList<>()));
    }

    @Test
    void theMechanismCheckIsShownApartFromTheVerdicts() {
        ClaimSet set = claims("""
                  - {id: win, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], family: a}
                  - {id: r, where: F3, statement: the rate follows, kind: rate-follows-sharpness, metric: rho, test: superiority,
                     comparisons: [{method: sgd-salr}], family: m}
                """);
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of());
        add(rows, "sgd", null, "test_accuracy", around(0.80, SPREAD), Map.of());
        List<ClaimVerdict> v = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of());
        assertEquals("mechanism check", row(ClaimsOutput.csv(v), 2).get("role"));
        assertEquals("verdict", row(ClaimsOutput.csv(v), 1).get("role"));
        String md = ClaimsOutput.markdown("p", v);
        int mechanism = md.indexOf("### Mechanism checks");
        assertTrue(mechanism > 0, md);
        assertTrue(md.indexOf("the rate follows") > mechanism, "the mechanism claim sits only in its own section: " + md);
    }

    @Test
    void claimsMarkdownEscapesMarkupLikeTheTables() {
        ClaimSet set = claims("""
                  - {id: x, where: "T1 | <b>", statement: "<script>alert(1)</script> *bold* [l](u)", kind: comparison,
                     metric: test_accuracy, test: superiority, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """);
        String md = ClaimsOutput.markdown("a <i>paper</i>", Claims.evaluate(set, TidyResults.of(List.of(), List.of(
                new TidyRow("t", "d", "m", "sgd", OptionalDouble.empty(), 0, "test_accuracy", 0.5, Map.of()))), List.of()));
        assertFalse(md.contains("<script>"), md);
        assertFalse(md.contains("<i>"), md);
        assertTrue(md.contains("\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[l\\](u)"), md);
        assertTrue(md.contains("T1 \\| \\<b\\>"), md);
    }

    /** Row {@code line} of a CSV as column to value (fields without quotes or commas only). */
    private static Map<String, String> row(String csv, int line) {
        List<String> header = List.of(csv.split("\n")[0].split(","));
        List<String> cells = parse(csv.split("\n")[line]);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            out.put(header.get(i), i < cells.size() ? cells.get(i) : "");
        }
        return out;
    }

    private static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Test
    void flatnessIsComparedAtEqualCallsAndAtEqualIterations() {
        ClaimSet set = claims("""
                  - {id: calls, where: T2, statement: s, kind: comparison, metric: final_sharpness, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd]}], family: f}
                  - {id: iterations, where: T2, statement: s, kind: comparison, metric: final_sharpness, test: superiority,
                     at: equal-iterations, comparisons: [{method: sgd-salr, against: [sgd]}], family: f}
                """);
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.02, "final_sharpness", around(1.0, SPREAD), Map.of("iterations", 493.0));
        // SGD at equal calls ran 4690 iterations and is sharper; its control at 493 iterations is flatter still
        add(rows, "sgd", null, "final_sharpness", around(2.0, SPREAD), Map.of("iterations", 4690.0));
        for (int s = 0; s < 5; s++) {
            for (String[] mv : new String[][] {{"final_sharpness", Double.toString(0.5 + SPREAD[s])}, {"iterations", "493"}}) {
                rows.add(new TidyRow("t", "fashion-mnist", "mlp", "sgd", OptionalDouble.empty(), s, mv[0],
                        Double.parseDouble(mv[1]), Map.of("horizon", "iterations-of:sgd-salr")));
            }
        }
        // ordinary runs carry an empty horizon
        rows = rows.stream().map(r -> r.hyperparameters().isEmpty() ? new TidyRow(r.study(), r.dataset(), r.model(),
                r.method(), r.gamma(), r.seed(), r.metric(), r.value(), Map.of("horizon", "")) : r).toList();
        List<ClaimVerdict> v = Claims.evaluate(set, TidyResults.of(List.of("horizon"), rows), List.of());
        assertEquals(1, v.get(0).tests().size(), "the control runs stay out of the equal-calls comparison");
        assertEquals(Verdict.SUPPORTED, v.get(0).verdict());
        assertEquals("sgd", v.get(0).tests().get(0).against());
        assertEquals(1, v.get(1).tests().size());
        assertEquals("sgd (horizon=iterations-of:sgd-salr)", v.get(1).tests().get(0).against());
        assertEquals(Verdict.CONTRADICTED, v.get(1).verdict(), "at equal length SALR is the sharper");
        assertTrue(v.get(1).summary().startsWith("contradicted at equal iterations"), v.get(1).summary());
        assertTrue(v.get(1).tests().get(0).notes().stream().noneMatch(n -> n.startsWith("at equal gradient calls")));
        // without control runs the equal-iterations claim says what is missing
        List<TidyRow> noControls = rows.stream().filter(r -> r.hyperparameters().get("horizon").isEmpty()).toList();
        ClaimVerdict none = Claims.evaluate(set, TidyResults.of(List.of("horizon"), noControls), List.of()).get(1);
        assertEquals(Verdict.NOT_TESTED, none.verdict());
        assertTrue(none.summary().contains("sgd control runs at sgd-salr's iterations (horizon iterations-of:sgd-salr)"),
                none.summary());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: x, where: w, statement: s, kind: gamma, metric: test_accuracy, test: equivalence, margin: 0.01,
                     reference_gamma: 0.01, at: equal-iterations, comparisons: [{method: sgd-salr}]}
                """));
        assertEquals("claims[0].at", e.parameter());
        e = assertThrows(InvalidParameterException.class, () -> claims("""
                  - {id: x, where: w, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     at: equal-epochs, comparisons: [{method: sgd-salr, against: [sgd]}]}
                """));
        assertEquals("equal-epochs", e.value());
    }

    @Test
    void theRateCheckFallsBackToAnExactSignTestAndNeedsTwoRuns() {
        ClaimSet set = claims("""
                  - {id: r, where: F3, statement: s, kind: rate-follows-sharpness, metric: rho, test: superiority,
                     comparisons: [{method: sgd-salr}]}
                """);
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd", null, "test_accuracy", around(0.85, SPREAD), Map.of());
        double[] up = {1, 2, 3, 4, 5};
        // every run perfectly monotone: rho = 1 for each, a constant sample
        List<RunSeries> same = List.of(run(0, up, up), run(1, up, up), run(2, up, up), run(3, up, up), run(4, up, up),
                run(5, up, up));
        ClaimTest t = Claims.evaluate(set, TidyResults.of(List.of(), rows), same).get(0).tests().get(0);
        // binom: all 6 above 0, P(X >= 6) = 1/64; the opposite P(X >= 0) = 1
        assertEquals(1 / 64.0, t.p().getAsDouble(), 1e-15);
        assertEquals(1.0, t.adjustedReverseP().getAsDouble(), 1e-15);
        assertTrue(t.interval().isEmpty());
        assertEquals(0.0, t.mde().getAsDouble(), 0.0);
        assertEquals(Verdict.SUPPORTED, t.verdict(), "2/64 after Holm");
        assertTrue(t.notes().contains("every run gives the same value: exact sign test, no interval"), t.notes().toString());
        double[] down = {5, 4, 3, 2, 1};
        List<RunSeries> against = List.of(run(0, up, down), run(1, up, down), run(2, up, down));
        ClaimTest neg = Claims.evaluate(set, TidyResults.of(List.of(), rows), against).get(0).tests().get(0);
        assertEquals(1.0, neg.p().getAsDouble(), 1e-15);
        assertEquals(Verdict.NOT_SUPPORTED, neg.verdict(), "3 runs: 2 * 1/8 is not below 0.05");
        ClaimTest one = Claims.evaluate(set, TidyResults.of(List.of(), rows), List.of(run(0, up, up))).get(0).tests().get(0);
        assertEquals(Verdict.NOT_TESTED, one.verdict());
        assertTrue(one.notes().contains("n too small: one run gives no test"), one.notes().toString());
        // a run with a constant series cannot be correlated: left out, and said
        List<RunSeries> flat = List.of(run(0, up, up), run(1, up, up), run(2, up, new double[] {1, 1, 1, 1, 1}));
        ClaimTest left = Claims.evaluate(set, TidyResults.of(List.of(), rows), flat).get(0).tests().get(0);
        assertEquals(2, left.n());
        assertTrue(left.notes().contains("1 run(s) left out: fewer than 3 refreshes or a constant series"), left.notes().toString());
        assertTrue(Double.isNaN(Claims.spearman(new double[] {1, 2}, new double[] {2, 1})), "fewer than 3 pairs");
        assertTrue(Double.isNaN(Claims.spearman(new double[] {1, Double.NaN, 3, 4}, new double[] {1, 2, 3, Double.NaN})));
        assertEquals(-1.0, Claims.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
    }

    @Test
    void theSummaryWordsTheEvidence() {
        List<TidyRow> rows = new ArrayList<>();
        add(rows, "sgd-salr", 0.01, "test_accuracy", around(0.85, SPREAD), Map.of());
        add(rows, "sgd-salr", 0.02, "test_accuracy", around(0.86, SPREAD), Map.of());
        add(rows, "sgd", null, "test_accuracy", around(0.80, SPREAD), Map.of());
        ClaimVerdict v = Claims.evaluate(WIN, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(Verdict.SUPPORTED, v.verdict());
        assertTrue(v.summary().contains("sgd-salr vs sgd (2 configuration pairs): 2 better (+5 pp to +6 pp)"), v.summary());
        assertEquals("+5 pp", Claims.signed("test_accuracy", 0.05));
        assertEquals("-0.1235", Claims.signed("final_sharpness", -0.123456));
        assertEquals("+0", Claims.signed("final_sharpness", 0));
        ClaimSet partly = claims("""
                  - {id: p, where: T1, statement: s, kind: comparison, metric: test_accuracy, test: superiority,
                     comparisons: [{method: sgd-salr, against: [sgd, swa]}]}
                """);
        ClaimVerdict half = Claims.evaluate(partly, TidyResults.of(List.of(), rows), List.of()).get(0);
        assertEquals(Verdict.NOT_SUPPORTED, half.verdict());
        assertTrue(half.summary().startsWith("inconclusive as a whole (partly tested; what was run supports it)"), half.summary());
        assertTrue(half.summary().endsWith(". the input lacks swa runs with test_accuracy"), half.summary());
    }
}
