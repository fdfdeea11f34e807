package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code salr plan --bench}: the wall time per stage, the file and rows it used, and the rows it lacks. */
class PlanCommandTest {

    static final String SPEC = """
            study: planned
            datasets: [fashion-mnist]
            models: [mlp]
            methods: [sgd, sam]
            engines: [torch]
            seeds: [1, 2]
            budget: {epochs: 2}
            data: {train_subset: 1280, test_subset: 256}
            batch_size: 128
            """;

    @TempDir
    Path dir;

    @Test
    void planPricesTheRunsFromTheBenchAndNamesWhatIsMissing() throws Exception {
        Path spec = Files.writeString(dir.resolve("planned.yaml"), SPEC);
        Path bench = Files.writeString(dir.resolve("bench.csv"), """
                name,value,unit
                step_ms_sgd_torch,2.0000,ms (mlp on cpu)
                gradcalls_sgd_torch,1.0000,calls/iteration
                mlp_step_ms_torch,2.0000,ms (cpu)
                """);
        SweepCommandsTest.Result r = SweepCommandsTest.salr("plan", spec.toString(), "--bench", bench.toString(), "--workers", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("wall time from " + bench + " with 2 workers"), r.out());
        assertTrue(r.out().contains("rows used: step_ms_sgd_torch, gradcalls_sgd_torch, mlp_step_ms_torch"), r.out());
        assertTrue(r.out().contains("for 2 of them; 2 runs not priced"), r.out());
        assertTrue(r.out().contains("rows missing from " + bench) && r.out().contains("step_ms_sam_torch / gradcalls_sam_torch"),
                r.out());

        SweepCommandsTest.Result bad = SweepCommandsTest.salr("plan", spec.toString(), "--bench", dir.resolve("none.csv").toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("bench"), bad.err());
    }
}
