package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * {@code salr gate} end to end. A real regression is injected through the harness: a baseline sweep
 * (sgd and sgd-salr, 3 seeds, synthetic Fashion-MNIST stand-in) and a candidate sweep that is the same except
 * that sgd-salr's learning rate is divided by 100 (a per-method override) are run in this JVM; the gate must
 * FAIL sgd-salr and PASS the unchanged sgd. An unchanged candidate passes; an underpowered one (2 noisy seeds)
 * is INCONCLUSIVE; bad settings are refused with exit code 2.
 */
@Tag("slow")
class GateCommandTest {

    private static final String COMMON = """
            study: gate-test
            models: [mlp]
            methods: [sgd, sgd-salr]
            seeds: 3
            budget: {epochs: 4}
            data: {train_subset: 150, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;
    /**
     * The baseline: sgd-salr with heavy-ball momentum (its default is Algorithm 3's plain SGD, which learns too little
     * in 12 steps for a learning rate / 100 to stand out from the seeds' spread).
     */
    static final String BASELINE = COMMON + "overrides: {sgd-salr: {momentum: 0.9}}\n";
    /** The injected regression: sgd-salr's base learning rate 0.05 / 100. */
    static final String WRONG_LR = COMMON + "overrides: {sgd-salr: {momentum: 0.9, lr: 0.0005}}\n";

    @TempDir
    static Path dir;
    static Path data;
    static Path baselineStore;
    static Path candidateStore;
    static SweepCommandsTest.Result baselineSweep;
    static SweepCommandsTest.Result candidateSweep;

    @BeforeAll
    static void sweepBaselineAndRegressedCandidate() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 400, 200, 11);
        baselineStore = dir.resolve("baseline");
        candidateStore = dir.resolve("candidate");
        baselineSweep = sweep("baseline.yaml", BASELINE, baselineStore);
        candidateSweep = sweep("candidate.yaml", WRONG_LR, candidateStore);
    }

    static SweepCommandsTest.Result sweep(String name, String yaml, Path store) throws IOException {
        Path spec = dir.resolve(name);
        Files.writeString(spec, yaml);
        return SweepCommandsTest.salr("sweep", spec.toString(), "--store", store.toString(), "--in-process",
                "--data-dir", data.toString());
    }

    static SweepCommandsTest.Result gate(String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "--out", dir.resolve("gate.md").toString()));
        args.addAll(List.of(extra));
        return SweepCommandsTest.salr(args.toArray(String[]::new));
    }

    /** The table row of a method. */
    static String row(String out, String method) {
        return out.lines().filter(l -> l.startsWith("| fashion-mnist | mlp | " + method + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + method + " in\n" + out));
    }

    @Test
    void aWrongLearningRateInjectedThroughTheHarnessFails() throws IOException {
        assertEquals(0, baselineSweep.code(), baselineSweep.out() + baselineSweep.err());
        assertEquals(0, candidateSweep.code(), candidateSweep.out() + candidateSweep.err());
        SweepCommandsTest.Result r = gate("--baseline", baselineStore.toString(), "--candidate", candidateStore.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(row(r.out(), "sgd-salr").contains("**FAIL**"), r.out());
        assertTrue(row(r.out(), "sgd-salr").contains("| paired t | 3 / 3 |"), r.out());
        // the unchanged method reproduces bit for bit: zero spread, PASS
        assertTrue(row(r.out(), "sgd").contains("**PASS**"), r.out());
        assertTrue(r.out().contains("**Overall: FAIL**"), r.out());
        assertEquals(r.out().substring(0, r.out().indexOf("gate: FAIL")).strip(),
                Files.readString(dir.resolve("gate.md")).strip(), "the file holds the table printed");
    }

    @Test
    void anUnchangedCandidatePasses() {
        Path csv = dir.resolve("baseline.csv");
        assertEquals(0, SweepCommandsTest.salr("export", baselineStore.toString(), "--out", csv.toString()).code());
        SweepCommandsTest.Result r = gate("--baseline", csv.toString(), "--candidate", baselineStore.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("**Overall: PASS** (2 pass, 0 fail, 0 inconclusive, 0 missing from the candidate)"),
                r.out());
        assertTrue(r.out().contains("gate: PASS (exit 0)"), r.out());
    }

    @Test
    void anUnderpoweredCandidateIsInconclusive() throws IOException {
        // two seeds, the candidate 0.4 percentage points lower on average but spread by several points:
        // the bounds straddle -0.5 pp
        Path base = csv("b.csv", new double[] {0.80, 0.82}, 0, 1);
        Path cand = csv("c.csv", new double[] {0.826, 0.786}, 0, 1);
        SweepCommandsTest.Result r = gate("--baseline", base.toString(), "--candidate", cand.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(row(r.out(), "sgd").contains("**INCONCLUSIVE**"), r.out());
    }

    @Test
    void groupsOnOneSideAreListedAndUnpairedSeedsUseWelch() throws IOException {
        Path base = csv("b2.csv", new double[] {0.810, 0.812, 0.811}, 0, 1, 2);
        Path cand = csv("c2.csv", new double[] {0.811, 0.810, 0.812}, 5, 6, 7);
        Files.writeString(cand, Files.readString(cand).replace(",sgd,", ",adam,") + Files.readString(cand).lines()
                .skip(1).map(l -> l + "\n").reduce("", String::concat));
        SweepCommandsTest.Result r = gate("--baseline", base.toString(), "--candidate", cand.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(row(r.out(), "sgd").contains("| Welch t | 3 / 3 |"), r.out());
        assertTrue(r.out().contains("Only in the candidate (not compared): fashion-mnist/mlp/adam"), r.out());
    }

    @Test
    void badSettingsAreRefusedNamingFieldAndValue() {
        String b = baselineStore.toString();
        SweepCommandsTest.Result alpha = gate("--baseline", b, "--candidate", b, "--alpha", "0.7");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, alpha.code());
        assertTrue(alpha.err().contains("alpha must lie in (0, 0.5), got 0.7"), alpha.err());
        SweepCommandsTest.Result margin = gate("--baseline", b, "--candidate", b, "--margin", "-1");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, margin.code());
        assertTrue(margin.err().contains("margin") && margin.err().contains("-1"), margin.err());
        SweepCommandsTest.Result metric = gate("--baseline", b, "--candidate", b, "--metric", "top5_accuracy");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, metric.code());
        assertTrue(metric.err().contains("metric is not in the baseline") && metric.err().contains("got top5_accuracy"), metric.err());
        SweepCommandsTest.Result missing = gate("--baseline", b, "--candidate", dir.resolve("nope.csv").toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("candidate"), missing.err());
        SweepCommandsTest.Result help = SweepCommandsTest.salr("gate", "--help");
        assertTrue(help.out().contains("PERCENTAGE POINTS"), help.out());
    }

    @Test
    void percentAccuraciesAreRefusedAsTheReportRefusesThem() throws IOException {
        Path base = csv("pb.csv", new double[] {0.80, 0.82}, 0, 1);
        Path cand = csv("pc.csv", new double[] {78.5, 80.1}, 0, 1);
        SweepCommandsTest.Result r = gate("--baseline", base.toString(), "--candidate", cand.toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("value of metric 'test_accuracy'") && r.err().contains("got 78.5"),
                r.err());
    }

    @Test
    void theRegulatoryAlphaIsAccepted() throws IOException {
        Path base = csv("ab.csv", new double[] {0.810, 0.812, 0.811}, 0, 1, 2);
        SweepCommandsTest.Result r = gate("--baseline", base.toString(), "--candidate", base.toString(), "--alpha", "0.025");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("one-sided 97.5 % bounds (alpha 0.025)"), r.out());
    }

    /** A tidy CSV with test_accuracy of sgd per seed. */
    static Path csv(String name, double[] accuracy, long... seeds) throws IOException {
        StringBuilder sb = new StringBuilder("study,dataset,model,method,gamma,seed,metric,value\n");
        for (int i = 0; i < seeds.length; i++) {
            sb.append(String.format(Locale.ROOT, "t,fashion-mnist,mlp,sgd,,%d,test_accuracy,%s%n", seeds[i],
                    Double.toString(accuracy[i])));
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }
}
