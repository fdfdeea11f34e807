package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * A worker JVM killed with SIGKILL mid-run: the sweep records the run as failed and goes on, and the
 * next sweep resumes it from its checkpoint to the same exported numbers as an uninterrupted sweep.
 */
@Tag("slow")
class WorkerCrashTest {

    static final String SPEC = """
            study: crash
            models: [mlp]
            methods: [sgd]
            seeds: [1]
            budget: {epochs: 60, of: sgd}
            data: {train_subset: 300, test_subset: 100}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 50, hessian_iterations: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void killedWorkerResumesToTheSameResults() throws Exception {
        Path spec = dir.resolve("crash.yaml");
        Files.writeString(spec, SPEC);
        Path clean = dir.resolve("clean");
        Path killed = dir.resolve("killed");
        assertEquals(0, SweepCommandsTest.salr("sweep", spec.toString(), "--store", clean.toString(), "--workers", "1").code());

        CompletableFuture<SweepCommandsTest.Result> sweep = CompletableFuture.supplyAsync(
                () -> SweepCommandsTest.salr("sweep", spec.toString(), "--store", killed.toString(), "--workers", "1"));
        boolean killedOne = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!sweep.isDone() && System.nanoTime() < deadline && !killedOne) {
            if (Files.isDirectory(killed.resolve("runs")) && hasCheckpoint(killed)) {
                for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
                    killedOne |= p.destroyForcibly();
                }
            }
            Thread.sleep(5);
        }
        SweepCommandsTest.Result first = sweep.get(120, TimeUnit.SECONDS);
        // 60 epochs with a checkpoint after each: the first checkpoint comes long before the run ends
        assertTrue(killedOne, "the worker was killed after its first checkpoint and before the run ended");
        assertEquals(1, first.code(), first.out());
        assertTrue(first.out().contains("worker exited with code"), first.out());
        assertTrue(hasCheckpoint(killed), "the checkpoint survives the kill");

        SweepCommandsTest.Result resumed = SweepCommandsTest.salr("sweep", spec.toString(), "--store", killed.toString(), "--workers", "1");
        assertEquals(0, resumed.code(), resumed.out());
        assertEquals(exported(clean), exported(killed));
    }

    private static boolean hasCheckpoint(Path store) throws java.io.IOException {
        try (var files = Files.walk(store.resolve("runs"))) {
            return files.anyMatch(p -> p.getFileName().toString().equals("checkpoint.bin"));
        } catch (java.io.UncheckedIOException e) {
            // the worker renamed one of its temporary files while the walk listed it: not yet, look again
            if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                return false;
            }
            throw e;
        }
    }

    private List<String> exported(Path store) throws java.io.IOException {
        Path csv = dir.resolve(store.getFileName() + ".csv");
        assertEquals(0, SweepCommandsTest.salr("export", store.toString(), "--out", csv.toString()).code());
        return Files.readAllLines(csv).stream().filter(l -> !l.contains(",wall_seconds,")).toList();
    }
}
