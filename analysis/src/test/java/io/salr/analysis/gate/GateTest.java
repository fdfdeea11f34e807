package io.salr.analysis.gate;

import io.salr.validation.InvalidParameterException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The verdict logic on constructed per-seed data. */
class GateTest {

    static final GateSettings DEFAULTS = GateSettings.of("test_accuracy", 0.5, 0.05);
    static final double[] BASE = {0.812, 0.806, 0.821, 0.799, 0.815};

    /** Tidy rows of one method: test_accuracy (and diverged = 0) per seed. */
    static List<TidyRow> rows(String method, long[] seeds, double[] accuracy) {
        List<TidyRow> rows = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            rows.add(new TidyRow("ci", "fashion-mnist", "mlp", method, OptionalDouble.empty(), seeds[i], "test_accuracy",
                    accuracy[i], Map.of()));
            rows.add(new TidyRow("ci", "fashion-mnist", "mlp", method, OptionalDouble.empty(), seeds[i], "diverged", 0,
                    Map.of()));
        }
        return rows;
    }

    static TidyResults tidy(List<TidyRow> rows) {
        return TidyResults.of(List.of(), rows);
    }

    static double[] plus(double[] v, double... d) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d[i % d.length];
        }
        return out;
    }

    static final long[] SEEDS = {0, 1, 2, 3, 4};

    static GateResult gate(double[] candidate) {
        return Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "base", tidy(rows("sgd", SEEDS, candidate)), "cand", DEFAULTS);
    }

    @Test
    void anUnchangedCandidatePasses() {
        GateResult r = gate(BASE);
        assertEquals(Verdict.PASS, r.overall());
        GateRow row = r.rows().get(0);
        assertEquals(DifferenceBounds.Test.PAIRED_T, row.bounds().orElseThrow().test());
        assertEquals(0, row.bounds().orElseThrow().lower());
    }

    @Test
    void aSmallConsistentShiftWithinTheMarginPasses() {
        // 0.2 percentage points worse on every seed (+- 0.05): lower bound about -0.0026 > -0.005
        assertEquals(Verdict.PASS, gate(plus(BASE, -0.002, -0.0025, -0.0015)).overall());
    }

    @Test
    void aClearRegressionFails() {
        // 3 percentage points worse on every seed, give or take 0.5
        GateResult r = gate(plus(BASE, -0.03, -0.035, -0.025, -0.03, -0.032));
        assertEquals(Verdict.FAIL, r.overall());
        assertEquals(1, r.overall().exitCode());
        assertTrue(r.rows().get(0).bounds().orElseThrow().upper() < -0.005);
    }

    @Test
    void noisyDataAroundTheMarginIsInconclusive() {
        // mean difference -0.5 pp, paired differences spread over several points: neither bound clears -margin
        GateResult r = gate(plus(BASE, 0.03, -0.04, 0.02, -0.03, 0.0));
        assertEquals(Verdict.INCONCLUSIVE, r.overall());
        assertEquals(3, r.overall().exitCode());
        DifferenceBounds b = r.rows().get(0).bounds().orElseThrow();
        assertTrue(b.lower() < -0.005 && b.upper() > -0.005, b.toString());
    }

    @Test
    void twoSeedsAreTooFewToPassASmallDrop() {
        long[] two = {0, 1};
        GateResult r = Gate.compare(tidy(rows("sgd", two, new double[] {0.80, 0.81})), "b",
                tidy(rows("sgd", two, new double[] {0.801, 0.806})), "c", DEFAULTS);
        assertEquals(Verdict.INCONCLUSIVE, r.overall());
        GateResult one = Gate.compare(tidy(rows("sgd", new long[] {0}, new double[] {0.80})), "b",
                tidy(rows("sgd", new long[] {0}, new double[] {0.80})), "c", DEFAULTS);
        assertEquals(Verdict.INCONCLUSIVE, one.overall());
        assertTrue(one.rows().get(0).notes().get(0).startsWith("n too small"), one.rows().get(0).notes().toString());
    }

    @Test
    void sharedSeedsArePairedOtherSeedsAreNot() {
        // the same numbers: paired by seed the differences are constant (+1 pp, PASS);
        // with the candidate's seeds shifted the pairing is lost and Welch is used
        double[] cand = plus(BASE, 0.01);
        GateRow paired = gate(cand).rows().get(0);
        assertEquals(DifferenceBounds.Test.PAIRED_T, paired.bounds().orElseThrow().test());
        GateResult unpaired = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b",
                tidy(rows("sgd", new long[] {5, 6, 7, 8, 9}, cand)), "c", DEFAULTS);
        GateRow welch = unpaired.rows().get(0);
        assertEquals(DifferenceBounds.Test.WELCH, welch.bounds().orElseThrow().test());
        assertTrue(welch.notes().get(0).startsWith("seeds differ (baseline 0 1 2 3 4, candidate 5 6 7 8 9)"),
                welch.notes().toString());
        // pairing removes the seed-to-seed spread, so its bound is tighter
        assertTrue(paired.bounds().orElseThrow().lower() > welch.bounds().orElseThrow().lower());
    }

    @Test
    void pairingFollowsSeedsNotRowOrder() {
        List<TidyRow> reversed = new ArrayList<>(rows("sgd", SEEDS, BASE));
        java.util.Collections.reverse(reversed);
        GateResult r = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b", tidy(reversed), "c", DEFAULTS);
        assertEquals(0, r.rows().get(0).bounds().orElseThrow().standardError());
    }

    @Test
    void aDivergedCandidateSeedFails() {
        List<TidyRow> cand = new ArrayList<>(rows("sgd", new long[] {0, 1, 2, 3}, new double[] {0.812, 0.806, 0.821, 0.799}));
        cand.add(new TidyRow("ci", "fashion-mnist", "mlp", "sgd", OptionalDouble.empty(), 4, "diverged", 1, Map.of()));
        GateResult r = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b", tidy(cand), "c", DEFAULTS);
        assertEquals(Verdict.FAIL, r.overall());
        assertTrue(r.rows().get(0).notes().get(0).contains("candidate diverged on seed(s) 4"), r.rows().get(0).notes().toString());
    }

    @Test
    void oneSidedGroupsAreListedAndAMissingBaselineGroupIsInconclusive() {
        List<TidyRow> base = new ArrayList<>(rows("sgd", SEEDS, BASE));
        base.addAll(rows("sgd-salr", SEEDS, BASE));
        List<TidyRow> cand = new ArrayList<>(rows("sgd", SEEDS, BASE));
        cand.addAll(rows("adam", SEEDS, BASE));
        GateResult r = Gate.compare(tidy(base), "b", tidy(cand), "c", DEFAULTS);
        assertEquals(1, r.rows().size());
        assertEquals("sgd-salr", r.onlyInBaseline().get(0).method());
        assertEquals("adam", r.onlyInCandidate().get(0).method());
        assertEquals(Verdict.INCONCLUSIVE, r.overall());
        GateResult extraOnly = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b", tidy(cand), "c", DEFAULTS);
        assertEquals(Verdict.PASS, extraOnly.overall(), "a new method without a baseline does not block");
    }

    @Test
    void lowerIsBetterMetricsFlipTheImprovement() {
        List<TidyRow> base = new ArrayList<>();
        List<TidyRow> cand = new ArrayList<>();
        for (long s = 0; s < 5; s++) {
            base.add(new TidyRow("ci", "d", "m", "sgd", OptionalDouble.empty(), s, "test_loss", 0.5 + 0.01 * s, Map.of()));
            cand.add(new TidyRow("ci", "d", "m", "sgd", OptionalDouble.empty(), s, "test_loss", 0.8 + 0.012 * s, Map.of()));
        }
        GateSettings loss = GateSettings.of("test_loss", 0.05, 0.05);
        assertEquals(Direction.LOWER_IS_BETTER, loss.direction());
        assertEquals(1, loss.scale());
        GateResult r = Gate.compare(tidy(base), "b", tidy(cand), "c", loss);
        assertEquals(Verdict.FAIL, r.overall(), "a higher loss is a regression");
        assertTrue(r.rows().get(0).bounds().orElseThrow().meanDifference() < 0);
    }

    @Test
    void settingsAreValidatedNamingFieldAndValue() {
        InvalidParameterException alpha = assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("test_accuracy", 0.5, 0.5));
        assertEquals("alpha", alpha.parameter());
        assertTrue(alpha.getMessage().contains("(0, 0.5)") && alpha.getMessage().contains("0.5"), alpha.getMessage());
        assertEquals("alpha", assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("test_accuracy", 0.5, 0)).parameter());
        InvalidParameterException margin = assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("test_accuracy", -1, 0.05));
        assertEquals("margin", margin.parameter());
        assertEquals("-1.0", margin.value());
        assertTrue(margin.getMessage().contains("percentage points"), margin.getMessage());
        assertEquals("margin", assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("test_accuracy", Double.NaN, 0.05)).parameter());
        assertEquals("margin", assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("test_accuracy", 150, 0.05)).parameter());
        assertEquals("direction", assertThrows(InvalidParameterException.class,
                () -> GateSettings.of("top5_rank", 0.5, 0.05)).parameter());
        assertEquals(Direction.LOWER_IS_BETTER, GateSettings.of("final_sharpness", 0.5, 0.05).direction());
        assertEquals(0.025, GateSettings.of("test_accuracy", 0.5, 0.025).alpha(), 0.0, "the regulatory alpha is accepted");
        assertEquals(0.005, GateSettings.of("test_accuracy", 0.5, 0.05).rawMargin(), 1e-18);
    }

    @Test
    void aMissingMetricOrAPercentAccuracyIsRefused() {
        GateSettings loss = GateSettings.of("train_loss", 0.1, 0.05);
        InvalidParameterException missing = assertThrows(InvalidParameterException.class, () -> Gate.compare(
                tidy(rows("sgd", SEEDS, BASE)), "b", tidy(rows("sgd", SEEDS, BASE)), "c", loss));
        assertEquals("metric", missing.parameter());
        assertTrue(missing.getMessage().contains("train_loss") && missing.getMessage().contains("test_accuracy"),
                missing.getMessage());
        io.salr.analysis.metric.InvalidMetricException percent = assertThrows(
                io.salr.analysis.metric.InvalidMetricException.class, () -> Gate.compare(
                tidy(rows("sgd", SEEDS, BASE)), "b", tidy(rows("sgd", SEEDS, plus(BASE, 80))), "c", DEFAULTS));
        assertEquals("value", percent.field());
        assertTrue(percent.getMessage().contains("fraction") && percent.getMessage().contains("candidate data row 1")
                && percent.getMessage().contains("test_accuracy"), percent.getMessage());
        InvalidParameterException disjoint = assertThrows(InvalidParameterException.class, () -> Gate.compare(
                tidy(rows("sgd", SEEDS, BASE)), "b", tidy(rows("adam", SEEDS, BASE)), "c", DEFAULTS));
        assertEquals("candidate", disjoint.parameter());
    }

    @Test
    void oneMissingSeedKeepsThePairingOnTheSharedSeedsAndIsAFinding() {
        // issue 11 (gate): before, one missing seed dropped the pairing altogether and Welch on all values was used
        double[] cand = plus(BASE, 0.001);
        GateResult r = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b",
                tidy(rows("sgd", new long[] {0, 1, 2, 3}, java.util.Arrays.copyOf(cand, 4))), "c", DEFAULTS);
        GateRow row = r.rows().get(0);
        assertEquals(DifferenceBounds.Test.PAIRED_T, row.bounds().orElseThrow().test());
        assertEquals(4, row.bounds().orElseThrow().nX());
        assertEquals(0.001, row.bounds().orElseThrow().meanDifference(), 1e-12);
        assertEquals(List.of("missing from the candidate: seed(s) 4"), row.findings());
        assertEquals(Verdict.PASS, r.overall());
        assertTrue(new GateMarkdown().render(r).contains("Findings (seeds on one side only): fashion-mnist/mlp/sgd: "
                + "missing from the candidate: seed(s) 4"), new GateMarkdown().render(r));
    }

    @Test
    void aCollapsedCandidateSeedFailsLikeADivergedOne() {
        List<TidyRow> cand = new ArrayList<>(rows("sgd", new long[] {0, 1, 2, 3}, new double[] {0.812, 0.806, 0.821, 0.799}));
        cand.add(new TidyRow("ci", "fashion-mnist", "mlp", "sgd", OptionalDouble.empty(), 4, "collapsed", 1, Map.of()));
        cand.add(new TidyRow("ci", "fashion-mnist", "mlp", "sgd", OptionalDouble.empty(), 4, "test_accuracy", 0.1, Map.of()));
        GateResult r = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b", tidy(cand), "c", DEFAULTS);
        assertEquals(Verdict.FAIL, r.overall());
        assertTrue(r.rows().get(0).notes().get(0).contains("candidate collapsed on seed(s) 4"), r.rows().get(0).notes().toString());
        assertEquals(4, r.rows().get(0).nCandidate(), "the collapsed run's accuracy is not a sample");
        assertTrue(r.rows().get(0).findings().isEmpty(), "a failed seed is not a missing one");
    }

    @Test
    void alphaOfTwoAndAHalfPercentWidensTheBounds() {
        double[] cand = plus(BASE, -0.002, 0.001, -0.004, 0.0, -0.001);
        GateRow five = gate(cand).rows().get(0);
        GateRow regulatory = Gate.compare(tidy(rows("sgd", SEEDS, BASE)), "b", tidy(rows("sgd", SEEDS, cand)), "c",
                GateSettings.of("test_accuracy", 0.5, 0.025)).rows().get(0);
        assertTrue(regulatory.bounds().orElseThrow().lower() < five.bounds().orElseThrow().lower());
        assertEquals(0.025, regulatory.bounds().orElseThrow().alpha(), 0.0);
    }
}
