package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.validation.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salr plan}'s wall time from a bench.csv: the arithmetic by hand, missing rows, the default file. */
class PlanEstimateTest {

    static final String SPEC = """
            study: est
            datasets: [fashion-mnist]
            models: [mlp]
            methods: [sgd, sgd-salr]
            engines: [torch]
            seeds: [1, 2]
            budget: {epochs: 2}
            data: {train_subset: 1280, test_subset: 256}
            batch_size: 128
            evaluation: {sharpness_examples: 128, hessian_iterations: 3, n1: 2, n2: 2}
            """;

    @TempDir
    Path dir;

    private Path bench(String rows) throws Exception {
        return Files.writeString(dir.resolve("bench.csv"), "name,value,unit\n" + rows);
    }

    @Test
    void aRunCostsItsCallsAtItsMethodsTimePerCallPlusItsEvaluations() throws Exception {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        PlanEstimate.Figures f = PlanEstimate.Figures.read(bench("""
                step_ms_sgd_torch,2.0000,ms (mlp on cpu)
                gradcalls_sgd_torch,1.0000,calls/iteration
                step_ms_sgd-salr_torch,9.0000,ms (mlp on cpu)
                gradcalls_sgd-salr_torch,4.5000,calls/iteration
                mlp_step_ms_torch,2.0000,ms (cpu)
                lenet_step_ms_torch,50.0000,ms (cpu)
                """));
        // SGD: 10 iterations per epoch, 2 epochs = 20 calls at 2 ms = 40 ms; evaluation: (2 epoch ends + the final one)
        // x (1280 + 256) examples x 2/128 ms per example / 3 = 24 ms; final measures: (2 + 2 + 2 x 3) x 128 x 2/128 = 20 ms
        SweepPlan.PlannedRun sgd = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd")).findFirst().orElseThrow();
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        assertEquals(0.084, PlanEstimate.runSeconds(sgd, f, missing, used).orElseThrow(), 1e-12);
        assertTrue(missing.isEmpty(), missing.toString());
        // SGD-SALR: its planned calls at 9 / 4.5 = 2 ms per call, the same evaluations
        SweepPlan.PlannedRun salr = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr")).findFirst().orElseThrow();
        double salrSeconds = (salr.expectedCalls() * 2.0 + 24 + 20) / 1e3;
        assertEquals(salrSeconds, PlanEstimate.runSeconds(salr, f, missing, used).orElseThrow(), 1e-12);

        PlanEstimate.Estimate one = PlanEstimate.estimate(plan.runs(), f, 1);
        assertEquals(4, one.runs());
        assertEquals(0, one.missing());
        assertEquals(2 * 0.084 + 2 * salrSeconds, one.seconds(), 1e-12);
        assertEquals(one.seconds() / 2, PlanEstimate.estimate(plan.runs(), f, 2).seconds(), 1e-12);
        assertTrue(one.usedRows().contains("step_ms_sgd-salr_torch"), one.usedRows().toString());

        // the end-of-epoch training curve on the first 128 examples: each of the 2 epoch ends passes over 128 + 256
        // examples instead of 1280 + 256, so the run costs 2 x 1152 x 2/128 / 3 = 12 ms less
        SweepPlan curve = SweepSpec.parse(SPEC.replace("n2: 2}", "n2: 2, epoch_train_examples: 128}")).plan();
        SweepPlan.PlannedRun sgdCurve = curve.runs().stream().filter(r -> r.spec().methodName().equals("sgd")).findFirst().orElseThrow();
        assertEquals(0.084 - 0.012, PlanEstimate.runSeconds(sgdCurve, f, missing, used).orElseThrow(), 1e-12);
        assertThrows(InvalidParameterException.class, () -> PlanEstimate.estimate(plan.runs(), f, 0));
    }

    private Path storeWith(SweepPlan.PlannedRun run, String status, double wallSeconds, double gradCalls) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("store/runs").resolve(run.id()));
        Files.writeString(folder.resolve("spec.json"), "{\"id\": \"" + run.id() + "\", " + run.spec().canonicalJson().substring(1));
        Files.writeString(folder.resolve("result.json"), String.format(java.util.Locale.ROOT,
                "{\"id\": \"%s\", \"status\": \"%s\", \"metrics\": {\"wall_seconds\": %s, \"grad_calls\": %s}}",
                run.id(), status, wallSeconds, gradCalls));
        return dir.resolve("store");
    }

    @Test
    void aStorePricesTheConfigurationsItHasRunFromTheirMeasuredPace() throws Exception {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        java.util.List<SweepPlan.PlannedRun> sgd = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd")).toList();
        // two completed SGD runs at 0.5 and 1.5 s per call (median 1.0); a diverged one at 100 s per call is no pace
        storeWith(sgd.get(0), "completed", 10.0, 20);
        storeWith(sgd.get(1), "completed", 30.0, 20);
        SweepPlan other = SweepSpec.parse(SPEC.replace("seeds: [1, 2]", "seeds: [3]")).plan();
        Path store = storeWith(other.runs().get(0), "diverged", 2000.0, 20);
        PlanEstimate.Measured m = PlanEstimate.Measured.read(store);
        assertEquals(2, m.runs());

        // without a bench: SGD priced at 1.0 s per planned call; SGD-SALR has no run in the store, so it is missing
        PlanEstimate.Estimate alone = PlanEstimate.estimate(plan.runs(), Optional.empty(), Optional.of(m), 1);
        assertEquals(2, alone.runs());
        assertEquals(2, alone.measured());
        assertEquals(2, alone.missing());
        assertEquals(sgd.get(0).expectedCalls() + sgd.get(1).expectedCalls(), alone.seconds(), 1e-9);
        assertTrue(alone.missingRows().stream().anyMatch(s -> s.contains("sgd-salr")), alone.missingRows().toString());

        // with a bench: SGD's final measures come from it ((2 + 2 + 2 x 3) x 128 x 2/128 ms = 20 ms), SGD-SALR from its rows
        PlanEstimate.Figures f = PlanEstimate.Figures.read(bench("""
                step_ms_sgd_torch,2.0000,ms (mlp on cpu)
                gradcalls_sgd_torch,1.0000,calls/iteration
                step_ms_sgd-salr_torch,9.0000,ms (mlp on cpu)
                gradcalls_sgd-salr_torch,4.5000,calls/iteration
                mlp_step_ms_torch,2.0000,ms (cpu)
                """));
        PlanEstimate.Estimate both = PlanEstimate.estimate(plan.runs(), Optional.of(f), Optional.of(m), 2);
        assertEquals(4, both.runs());
        assertEquals(0, both.missing());
        double salr = plan.runs().stream().filter(r -> r.spec().methodName().equals("sgd-salr"))
                .mapToDouble(r -> PlanEstimate.runSeconds(r, f, new java.util.HashSet<>(), new java.util.HashSet<>()).orElseThrow()).sum();
        assertEquals((sgd.get(0).expectedCalls() + sgd.get(1).expectedCalls() + 2 * 0.020 + salr) / 2, both.seconds(), 1e-9);

        // another network (BatchNorm) is another configuration: the store does not price it
        SweepPlan bn = SweepSpec.parse(SPEC.replace("models: [mlp]", "models: [mlp-bn]")).plan();
        assertEquals(0, PlanEstimate.estimate(bn.runs(), Optional.empty(), Optional.of(m), 1).measured());

        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> PlanEstimate.Measured.read(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("calibrate"), e.getMessage());
    }

    @Test
    void runsWithoutTheirRowsAreNotPricedAndTheRowsAreNamed() throws Exception {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        PlanEstimate.Figures dl4jOnly = PlanEstimate.Figures.read(bench("""
                step_ms_sgd,7.0000,ms (lenet)
                gradcalls_sgd,1.0000,calls/iteration
                step_ms_sgd_torch,2.0000,ms (mlp on cpu)
                gradcalls_sgd_torch,1.0000,calls/iteration
                """));
        PlanEstimate.Estimate e = PlanEstimate.estimate(plan.runs(), dl4jOnly, 1);
        assertEquals(0, e.runs());
        assertEquals(4, e.missing());
        assertTrue(e.missingRows().stream().anyMatch(m -> m.startsWith("step_ms_sgd-salr_torch")), e.missingRows().toString());
        assertTrue(e.missingRows().stream().anyMatch(m -> m.startsWith("mlp_step_ms_torch")), e.missingRows().toString());
        assertEquals(0, e.seconds());
    }

    @Test
    void theDefaultIsTheNewestBenchUnderOutAndABadFileIsRefused() throws Exception {
        assertEquals(Optional.empty(), PlanEstimate.newestBench(dir));
        Path older = Files.createDirectories(dir.resolve("out/bench")).resolve("bench.csv");
        Path newer = Files.createDirectories(dir.resolve("out/bench-quiet")).resolve("bench.csv");
        Files.createDirectories(dir.resolve("out/other"));
        Files.writeString(dir.resolve("out/other/bench.csv"), "name,value,unit\n");
        Files.writeString(older, "name,value,unit\n");
        Files.writeString(newer, "name,value,unit\n");
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
        Files.setLastModifiedTime(dir.resolve("out/other/bench.csv"), FileTime.fromMillis(3_000_000));
        assertEquals(Optional.of(newer), PlanEstimate.newestBench(dir));

        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PlanEstimate.Figures.read(Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n")));
        assertTrue(e.getMessage().contains("bench"), e.getMessage());
        assertThrows(InvalidParameterException.class,
                () -> PlanEstimate.Figures.read(Files.writeString(dir.resolve("y.csv"), "name,value,unit\nx,abc,ms\n")));
    }
}
