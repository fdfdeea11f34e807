package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunFolder;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} checks the run id inside each {@code result.json} against the folder it lies in: seed 1's
 * result copied over seed 0's is refused (exit 2, naming the file and both ids) instead of exporting seed 1's
 * values as seed 0's.
 */
class ExportRunIdTest {

    static final String SPEC = """
            study: ids
            models: [mlp]
            methods: [sgd]
            seeds: [0, 1]
            budget: {epochs: 1}
            data: {train_subset: 200, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;

    @TempDir
    Path dir;

    @Test
    void aResultInAnotherRunsFolderIsRefused() throws IOException {
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        Store s = new Store(dir.resolve("store"));
        s.prepare(plan, SPEC);
        List<SweepPlan.PlannedRun> runs = plan.runs();
        for (int i = 0; i < 2; i++) {
            SweepPlan.PlannedRun r = runs.get(i);
            s.folder(r.id()).claim(r.spec());
            RunFolder.writeJson(s.folder(r.id()).result(), Map.of("id", r.id(), "status", "completed",
                    "metrics", Map.of("test_accuracy", 0.5 + i / 10.0, "diverged", 0)));
        }
        Path csv = dir.resolve("out.csv");
        SweepCommandsTest.Result ok = SweepCommandsTest.salr("export", s.root().toString(), "--out", csv.toString());
        assertEquals(0, ok.code(), ok.err());
        Files.delete(csv);

        String id0 = runs.get(0).id();
        String id1 = runs.get(1).id();
        Path misplaced = s.folder(id0).result();
        Files.copy(s.folder(id1).result(), misplaced, StandardCopyOption.REPLACE_EXISTING);
        SweepCommandsTest.Result r = SweepCommandsTest.salr("export", s.root().toString(), "--out", csv.toString());
        assertEquals(SalrCommand.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(misplaced.toString()) && r.err().contains(id0) && r.err().contains(id1), r.err());
        assertFalse(Files.exists(csv), "nothing is written");
    }
}
