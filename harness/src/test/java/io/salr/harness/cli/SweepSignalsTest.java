package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.SyntheticFashionMnistAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No worker JVM outlives its sweep (issue 14, item 5): SIGTERM to {@code salr sweep} reaches the workers,
 * which end (killed after the grace period if need be) before the sweep exits with 143 and releases its
 * claims; and a sweep killed outright (SIGKILL, which it cannot handle) takes its workers with it, since each
 * worker ends when the pipe from its sweep closes.
 */
@Tag("slow")
class SweepSignalsTest {

    static final String SPEC = """
            study: signals
            models: [mlp]
            methods: [sgd]
            seeds: [1, 2, 3, 4]
            budget: {epochs: 200}
            data: {train_subset: 300, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 20, hessian_iterations: 1}
            """;

    @TempDir
    static Path dir;
    static Path data;
    static Path spec;

    private final List<ForkedSalr> started = new ArrayList<>();

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 300, 50, 3);
        spec = Files.writeString(dir.resolve("signals.yaml"), SPEC);
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ForkedSalr::killTree);
    }

    private ForkedSalr sweep(Path store, int workers) throws IOException {
        ForkedSalr s = ForkedSalr.start(dir.resolve(store.getFileName() + ".log"), "sweep", spec.toString(), "--store",
                store.toString(), "--data-dir", data.toString(), "--progress", "lines", "--workers", Integer.toString(workers),
                "--oversubscribe", "--stop-grace", "5");
        started.add(s);
        return s;
    }

    /** Waits until the sweep has {@code n} worker JVMs that are training (their progress files exist). */
    private static List<ProcessHandle> workers(ForkedSalr sweep, Path store, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> w = sweep.process.children().filter(ProcessHandle::isAlive).toList();
            long training;
            try (var runs = Files.list(store.resolve("runs"))) {
                training = runs.filter(r -> Files.exists(r.resolve("progress.json"))).count();
            } catch (java.nio.file.NoSuchFileException e) {
                training = 0;
            }
            if (w.size() == n && training >= n) {
                return w;
            }
            if (!sweep.process.isAlive()) {
                throw new AssertionError("the sweep ended early:\n" + sweep.output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sweep did not start " + n + " training workers within 300 s:\n" + sweep.output());
    }

    @Test
    void sigtermStopsTheWorkersBeforeTheSweepExits() throws Exception {
        Path store = dir.resolve("term");
        ForkedSalr sweep = sweep(store, 2);
        List<ProcessHandle> workers = workers(sweep, store, 2);
        ForkedSalr.signal(sweep.pid(), "TERM");
        assertEquals(143, sweep.waitFor(60), sweep.output());
        assertTrue(sweep.output().contains("stopping 2 worker JVM(s)"), sweep.output());
        // the runs the stop interrupted are not failures: the sweep says they resume
        assertTrue(sweep.output().contains("stopped with the sweep; a rerun resumes it"), sweep.output());
        assertTrue(!sweep.output().contains(" failed:") && !sweep.output().contains("cannot run a worker JVM"), sweep.output());
        for (ProcessHandle w : workers) {
            assertTrue(w.onExit().isDone() || !w.isAlive(), "worker " + w.pid() + " outlived its sweep");
        }
        StringBuilder left = new StringBuilder();
        for (String f : ForkedSalr.claimFiles(store)) {
            left.append(f).append(": ").append(Files.readString(store.resolve("claims").resolve(f))).append('\n');
        }
        assertEquals("", left.toString(), "the claims are released, so a rerun resumes at once; the sweep said:\n"
                + sweep.output());
    }

    /**
     * A tuned study stopped during its tuning stage exits 143 without choosing anything. The earlier code went on to
     * choose the settings from the unfinished stage and could print an IllegalStateException's stack trace (it did
     * in a real study; whether it does depends on a race with the JVM's halt, so this test cannot always catch it).
     * The study now checks that every tuning run has a result before it chooses, and says so when it can.
     */
    @Test
    void aTunedStudyStoppedDuringTuningSaysItResumes() throws Exception {
        Path tunedSpec = Files.writeString(dir.resolve("signals-tuned.yaml"), SPEC.replace("study: signals", "study: signals-tuned") + """
                tuning:
                  validation: {examples: 50, seed: 1}
                  seeds: [100]
                  budget: {epochs: 200}
                  grid:
                    sgd: {lr: [0.01, 0.02]}
                """);
        Path store = dir.resolve("tuned");
        ForkedSalr sweep = ForkedSalr.start(dir.resolve("tuned.log"), "sweep", tunedSpec.toString(), "--store", store.toString(),
                "--data-dir", data.toString(), "--progress", "lines", "--workers", "1", "--stop-grace", "5");
        started.add(sweep);
        workers(sweep, store.resolve("tuning"), 1);
        ForkedSalr.signal(sweep.pid(), "TERM");
        assertEquals(143, sweep.waitFor(60), sweep.output());
        assertTrue(!sweep.output().contains("Exception"), sweep.output());
        assertTrue(!Files.exists(store.resolve("tuning.csv")), "nothing is chosen from an unfinished tuning stage");
    }

    @Test
    void aWorkerEndsWhenItsSweepIsKilled() throws Exception {
        Path store = dir.resolve("kill");
        ForkedSalr sweep = sweep(store, 1);
        ProcessHandle worker = workers(sweep, store, 1).get(0);
        ForkedSalr.signal(sweep.pid(), "KILL");
        sweep.waitFor(30);
        worker.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(!worker.isAlive(), "the worker ended");
    }
}
