package io.salr.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When no worker JVM can be started (a JDK upgraded under the running sweep makes every new process fail with
 * "Failed to exec spawn helper"), the sweep used to record every remaining run as failed within seconds. Now a
 * run whose worker could not start goes back to the queue unrecorded, and after three such failures in a row the
 * sweep stops with one message that says what happened and that a rerun resumes.
 */
class WorkerStartFailureTest {

    static final String SPEC = """
            study: cannot-start
            models: [mlp]
            methods: [sgd]
            seeds: [1, 2, 3, 4, 5]
            budget: {epochs: 1}
            data: {train_subset: 100, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 8}
            evaluation: {sharpness_examples: 0, hessian_iterations: 0}
            """;

    @Test
    void aSweepWhoseWorkersCannotStartStopsAndRecordsNoFailure(@TempDir Path tmp) throws Exception {
        Path data = SyntheticFashionMnistAccess.write(tmp.resolve("data"), 100, 50, 1);
        SweepPlan plan = SweepSpec.parse(SPEC).plan();
        Store store = new Store(tmp.resolve("store"));
        store.prepare(plan, SPEC);
        StringWriter console = new StringWriter();
        SweepRunner.Options options = new SweepRunner.Options(2, false, Optional.of(data), false, new PrintWriter(console, true));
        String before = System.getProperty("salr.worker.java");
        System.setProperty("salr.worker.java", tmp.resolve("no-such-java").toString());
        SweepRunner.WorkersCannotStart e;
        try {
            e = assertThrows(SweepRunner.WorkersCannotStart.class, () -> SweepRunner.run(store, plan.runs(), options));
        } finally {
            if (before == null) {
                System.clearProperty("salr.worker.java");
            } else {
                System.setProperty("salr.worker.java", before);
            }
        }
        assertTrue(e.getMessage().startsWith("3 worker JVMs in a row could not be started"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-java"), e.getMessage());
        assertTrue(e.getMessage().contains("rerun the same command to resume"), e.getMessage());
        for (SweepPlan.PlannedRun r : plan.runs()) {
            assertFalse(Files.exists(store.folder(r.id()).result()), "no result recorded for " + r.id());
            assertTrue(store.state(r.id()) != Store.RunState.FAILED, r.id() + " " + store.state(r.id()));
        }
        assertTrue(console.toString().contains("not recorded as failed, a rerun resumes it"), console.toString());

        // once workers start again, the same sweep resumes and finishes every run
        SweepRunner.Outcome done = SweepRunner.run(store, plan.runs(), options);
        assertEquals(5, done.completed(), console.toString());
        assertTrue(done.ok());
    }
}
