package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plain rerun of a sweep does with failed runs (issue 14, item 4): a run that failed deterministically
 * is reported and keeps the exit code at 1 until {@code --retry-failed} reruns it; a run that failed for a
 * reason of the machine is resumed by the plain rerun, which says so. Tiny in-process runs on synthetic data.
 */
class FailedRunsPolicyTest {

    static final String SPEC = """
            study: failures
            models: [mlp]
            methods: [sgd]
            seeds: [1, 2]
            budget: {epochs: 1}
            data: {train_subset: 100, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 8}
            evaluation: {sharpness_examples: 20, hessian_iterations: 1}
            """;

    @TempDir
    static Path dir;
    static Path data;
    static Path spec;

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 200, 100, 5);
        spec = Files.writeString(dir.resolve("failures.yaml"), SPEC);
    }

    private static SweepCommandsTest.Result sweep(Path store, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", spec.toString(), "--store", store.toString(),
                "--in-process", "--data-dir", data.toString(), "--progress", "lines"));
        args.addAll(List.of(extra));
        return SweepCommandsTest.salr(args.toArray(String[]::new));
    }

    @Test
    void aDeterministicFailureKeepsTheExitCodeAtOneUntilRetried() throws IOException {
        Path store = dir.resolve("deterministic");
        assertEquals(0, sweep(store).code());
        SweepPlan.PlannedRun first = SweepSpec.parse(SPEC).plan().runs().get(0);
        Store s = new Store(store);
        Files.delete(s.folder(first.id()).result());
        s.recordFailure(first.spec(), "IllegalStateException: the method threw", RunResult.FailureKind.DETERMINISTIC);

        SweepCommandsTest.Result rerun = sweep(store);
        assertEquals(1, rerun.code(), rerun.out());
        assertTrue(rerun.out().contains("1 failed run(s) remain (rerun them with --retry-failed"), rerun.out());
        assertTrue(rerun.out().contains(first.id() + " failed (deterministic): IllegalStateException: the method threw"), rerun.out());
        assertFalse(rerun.out().contains("0 failed before"), rerun.out());
        assertEquals(RunStatus.FAILED, s.result(first.id()).orElseThrow().status(), "a plain rerun leaves it alone");

        SweepCommandsTest.Result status = SweepCommandsTest.salr("status", store.toString());
        assertTrue(status.out().contains("failed 1 (infrastructure 0, deterministic 1)"), status.out());

        SweepCommandsTest.Result retried = sweep(store, "--retry-failed");
        assertEquals(0, retried.code(), retried.out());
        assertEquals(RunStatus.COMPLETED, s.result(first.id()).orElseThrow().status());
        assertEquals(0, sweep(store).code(), "nothing failed remains");
    }

    @Test
    void anInfrastructureFailureIsResumedByAPlainRerun() throws IOException {
        Path store = dir.resolve("infrastructure");
        assertEquals(0, sweep(store).code());
        SweepPlan.PlannedRun second = SweepSpec.parse(SPEC).plan().runs().get(1);
        Store s = new Store(store);
        Files.delete(s.folder(second.id()).result());
        s.recordFailure(second.spec(), "UncheckedIOException: No space left on device", RunResult.FailureKind.INFRASTRUCTURE);
        assertTrue(SweepCommandsTest.salr("status", store.toString()).out().contains("failed 1 (infrastructure 1, deterministic 0)"));

        SweepCommandsTest.Result rerun = sweep(store);
        assertEquals(0, rerun.code(), rerun.out());
        // the run had finished before its failure was recorded, so no checkpoint is left: the message says so
        assertTrue(rerun.out().contains("resuming run " + second.id() + " from the start (it has no checkpoint): it failed for a"
                + " reason of the machine"
                + " (UncheckedIOException: No space left on device)"), rerun.out());
        assertTrue(rerun.out().contains("1 completed now (1 resumed after a failure of the machine)"), rerun.out());
        assertEquals(RunStatus.COMPLETED, s.result(second.id()).orElseThrow().status());
        assertEquals(2, Files.readAllLines(s.folder(second.id()).attempts()).size());
        try (var files = Files.list(s.folder(second.id()).dir())) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("failure-")).count(),
                    "the failed result is kept beside the new one");
        }
    }
}
