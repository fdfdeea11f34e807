package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import picocli.CommandLine;

/** plan, sweep, status and export end to end through the command line, on a tiny budget-matched sweep. */
@Tag("slow")
class SweepCommandsTest {

    static final String SPEC = """
            study: e2e
            models: [mlp]
            methods: [sgd, sgd-salr, sam, entropy-sgd]
            seeds: [3]
            budget: {epochs: 3, of: sgd}
            data: {train_subset: 200, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            """;
    /**
     * The most one step can cost: a SALR refresh step walks 1 + (n1 - 1) + (n2 - 1) = 9 per-example directions
     * of one pass each at the defaults (the first also serving the update).
     */
    static final Map<String, Integer> STEP_COST = Map.of("sgd", 1, "sgd-salr", 9, "sam", 2, "entropy-sgd", 5);

    @TempDir
    static Path dir;
    static Path spec;
    static Path store;
    static Result firstSweep;

    record Result(int code, String out, String err) {
    }

    static Result salr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SalrCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void sweepOnce() throws IOException {
        spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, SPEC);
        store = dir.resolve("store");
        firstSweep = salr("sweep", spec.toString(), "--store", store.toString(), "--in-process");
    }

    @Test
    void planPrintsRunsAndBudgetWithoutRunningAnything() {
        Result r = salr("plan", spec.toString());
        assertEquals(0, r.code(), r.err());
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        for (SweepPlan.PlannedRun run : plan.runs()) {
            assertTrue(r.out().contains(run.id()), r.out());
        }
        assertTrue(r.out().contains("B = 12 gradient calls per run, currency passes (3 epochs of sgd)"), r.out());
        assertTrue(r.out().contains("estimated total: 48 gradient calls"), r.out());
    }

    @Test
    void sweepRunsEveryRunAndEachSpendsTheBudgetWithinOneStep() throws IOException {
        assertEquals(0, firstSweep.code(), firstSweep.out() + firstSweep.err());
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        Store s = new Store(store);
        assertEquals(4, plan.runs().size());
        for (SweepPlan.PlannedRun r : plan.runs()) {
            Map<String, Object> result = s.result(r.id()).orElseThrow().toMap();
            assertEquals("completed", result.get("status"), String.valueOf(result));
            @SuppressWarnings("unchecked")
            long spent = ((Number) ((Map<String, Object>) result.get("metrics")).get("grad_calls")).longValue();
            assertTrue(spent >= 12 && spent < 12 + STEP_COST.get(r.spec().methodName()), r.spec().methodName() + " spent " + spent);
        }
        assertEquals(SPEC, Files.readString(s.sweepYaml()));
    }

    @Test
    void statusAndExportOfTheStore() throws IOException {
        Result status = salr("status", store.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("4 runs: done 4 (completed 4, diverged 0, collapsed 0), running 0, interrupted 0,"
                + " failed 0 (infrastructure 0, deterministic 0), remaining 0"), status.out());
        Path csv = dir.resolve("results.csv");
        Result export = salr("export", store.toString(), "--out", csv.toString());
        assertEquals(0, export.code(), export.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("study,dataset,model,method,gamma,seed,metric,value", lines.get(0));
        assertEquals(1 + 4 * 14, lines.size());
        assertTrue(lines.get(1).startsWith("e2e,fashion-mnist,mlp,sgd,,3,test_accuracy,"), lines.get(1));
        assertTrue(lines.stream().filter(l -> l.contains(",sgd-salr,")).allMatch(l -> l.startsWith("e2e,fashion-mnist,mlp,sgd-salr,0.01,3,")));
        List<String> metrics = lines.subList(1, 15).stream().map(l -> l.split(",")[6]).toList();
        assertEquals(List.of("test_accuracy", "test_loss", "train_accuracy", "train_loss", "final_sharpness",
                "hessian_max_eigenvalue", "hessian_top_abs_eigenvalue", "grad_calls", "paper_calls", "forward_calls", "iterations",
                "epochs", "diverged", "wall_seconds"), metrics);
        // deterministic: a second export is the same file
        Path again = dir.resolve("again.csv");
        salr("export", store.toString(), "--out", again.toString());
        assertEquals(Files.readString(csv), Files.readString(again));
    }

    @Test
    void withoutATerminalTheSweepPrintsPlainLines() {
        // tests have no console, so the default (auto) and --progress lines print one plain line per run
        for (String out : List.of(firstSweep.out(), salr("sweep", spec.toString(), "--store", store.toString(), "--in-process",
                "--progress", "lines").out())) {
            assertFalse(out.contains("\033"), out);
            assertFalse(out.contains("\r"), out);
            assertTrue(out.lines().allMatch(l -> l.startsWith("sweep") || l.startsWith("[") || l.startsWith("  ")), out);
        }
        assertEquals(4, firstSweep.out().lines().filter(l -> l.matches("\\[\\d/4\\] [0-9a-f]{16} fashion-mnist mlp .* seed 3: completed .*")).count(),
                firstSweep.out());
    }

    @Test
    void rerunningTheSweepSkipsCompletedRuns() throws IOException {
        Map<Path, FileTime> before = resultTimes();
        Result again = salr("sweep", spec.toString(), "--store", store.toString(), "--in-process");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("4 runs planned, 4 already complete, 0 to run"), again.out());
        assertEquals(before, resultTimes());
    }

    @Test
    void aStoreWithAnotherSpecIsRefusedAndLeftUntouched() throws IOException {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, SPEC.replace("seeds: [3]", "seeds: [3, 4]"));
        Map<Path, FileTime> before = resultTimes();
        Result r = salr("sweep", other.toString(), "--store", store.toString(), "--in-process");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("store") && r.err().contains("holds another sweep spec"), r.err());
        assertEquals(before, resultTimes());
    }

    @Test
    void aRunFolderWithADifferentSpecUnderTheSameIdIsRefused() throws IOException {
        Path tampered = dir.resolve("tampered");
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        Store s = new Store(tampered);
        s.prepare(plan, SPEC);
        SweepPlan.PlannedRun first = plan.runs().get(0);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", first.id());
        content.putAll(first.spec().toMap());
        content.put("batch_size", 51);
        RunFolder.writeJson(s.folder(first.id()).spec(), content);
        Result r = salr("sweep", spec.toString(), "--store", tampered.toString(), "--in-process");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("holds a different spec under run id " + first.id()), r.err());
        assertFalse(Files.exists(s.folder(plan.runs().get(1).id()).dir()), "nothing ran");
    }

    @Test
    void aBadSpecWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SPEC.replace("models: [mlp]", "models: [mlp]\ngrid: {gamma: [0.01, -1]}").replace("[sgd, sgd-salr", "[sgd-salr"));
        Path target = dir.resolve("never");
        Result r = salr("sweep", bad.toString(), "--store", target.toString(), "--in-process");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("grid.gamma") && r.err().contains("-1"), r.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void missingDataEndsTheSweepBeforeAnythingIsWritten() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-data"));
        Path target = dir.resolve("never-written");
        Result r = salr("sweep", spec.toString(), "--store", target.toString(), "--data-dir", empty.toString(), "--in-process");
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("data set fashion-mnist not found in " + empty), r.err());
        assertTrue(r.err().contains("--data-dir") && r.err().contains("dataset-fashion-mnist"), r.err());
        assertFalse(Files.exists(target), "nothing written");
        assertFalse(r.out().contains("sweep:"), "no run started: " + r.out());
    }

    @Test
    void eachRunRecordsOneAttemptAndItsLastProgress() throws IOException {
        Store s = new Store(store);
        for (SweepPlan.PlannedRun r : SweepSpec.parse(SPEC).plan().runs()) {
            List<String> attempts = Files.readAllLines(s.folder(r.id()).attempts());
            assertEquals(1, attempts.size(), String.valueOf(attempts));
            assertTrue(attempts.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ host=\\S+ pid=\\d+"), attempts.get(0));
            var progress = io.salr.harness.sweep.RunProgress.read(s.folder(r.id()).progress()).orElseThrow();
            assertTrue(progress.epoch() >= 1, String.valueOf(progress));
            assertTrue(progress.gradientCalls() >= 12 && Double.isFinite(progress.loss()), String.valueOf(progress));
        }
    }

    @Test
    void statusAndExportCountDivergedAndFailedRuns() throws IOException {
        String yaml = SPEC.replace("seeds: [3]", "seeds: [0, 1]");
        SweepPlan plan = SweepSpec.parse(yaml).plan();
        Path root = dir.resolve("fake");
        Store s = new Store(root);
        s.prepare(plan, yaml);
        List<SweepPlan.PlannedRun> runs = plan.runs();
        // run 0 completed, 1 diverged, 2 failed, 3 started (checkpoint, no result), 4..7 remaining
        writeResult(s, runs.get(0), "completed", Map.of("test_accuracy", 0.5, "test_loss", 1.25, "grad_calls", 12, "diverged", 0,
                "wall_seconds", 1.5));
        writeResult(s, runs.get(1), "diverged", Map.of("diverged", 1, "grad_calls", 7));
        s.recordFailure(runs.get(2).spec(), "IllegalStateException: boom", io.salr.harness.run.RunResult.FailureKind.DETERMINISTIC);
        s.folder(runs.get(3).id()).claim(runs.get(3).spec());
        Files.writeString(s.folder(runs.get(3).id()).checkpoint(), "x");
        Result status = salr("status", root.toString());
        assertTrue(status.out().contains("8 runs: done 2 (completed 1, diverged 1, collapsed 0), running 0, interrupted 1,"
                + " failed 1 (infrastructure 0, deterministic 1), remaining 4"), status.out());
        assertTrue(status.out().contains(runs.get(2).id() + " deterministic: IllegalStateException: boom"), status.out());
        Path csv = dir.resolve("fake.csv");
        Result export = salr("export", root.toString(), "--out", csv.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("1 failed runs left out: " + runs.get(2).id()), export.out());
        assertEquals(List.of("study,dataset,model,method,gamma,seed,metric,value",
                "e2e,fashion-mnist,mlp,sgd,,0,test_accuracy,0.5",
                "e2e,fashion-mnist,mlp,sgd,,0,test_loss,1.25",
                "e2e,fashion-mnist,mlp,sgd,,0,grad_calls,12",
                "e2e,fashion-mnist,mlp,sgd,,0,diverged,0",
                "e2e,fashion-mnist,mlp,sgd,,0,wall_seconds,1.5",
                "e2e,fashion-mnist,mlp,sgd,,1,diverged,1"), Files.readAllLines(csv));
    }

    private static void writeResult(Store s, SweepPlan.PlannedRun r, String status, Map<String, Object> metrics) {
        s.folder(r.id()).claim(r.spec());
        RunFolder.writeJson(s.folder(r.id()).result(), Map.of("id", r.id(), "status", status, "metrics", metrics));
    }

    private static Map<Path, FileTime> resultTimes() throws IOException {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (var files = Files.walk(store.resolve("runs"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("result.json")).sorted().toList()) {
                times.put(p, Files.getLastModifiedTime(p));
            }
        }
        assertEquals(4, times.size());
        return times;
    }
}
