package io.salr.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.salr.harness.run.RunStatus;
import io.salr.harness.run.SyntheticFashionMnistAccess;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepSpec;
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
 * Several {@code salr sweep} processes on one store (issue 14, item 2): every run is done exactly once (one
 * line in its attempts.log, one result), with two sweeps, with four, and when one of them dies or freezes in
 * the middle of a run, which another then takes over. Each sweep is a JVM of its own; the runs are tiny MLPs
 * on synthetic data.
 */
@Tag("slow")
class ConcurrentSweepsTest {

    static final String SPEC = """
            study: shared
            models: [mlp]
            methods: [sgd, sgd-salr]
            seeds: [1, 2]
            budget: {epochs: 3}
            data: {train_subset: 300, test_subset: 50}
            batch_size: 50
            model_options: {hidden: 16}
            evaluation: {sharpness_examples: 20, hessian_iterations: 1}
            """;

    @TempDir
    static Path dir;
    static Path data;

    private final List<ForkedSalr> started = new ArrayList<>();

    @BeforeAll
    static void data() throws IOException {
        data = SyntheticFashionMnistAccess.write(dir.resolve("data"), 300, 50, 9);
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ForkedSalr::killTree);
    }

    private ForkedSalr sweep(Path spec, Path store, String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("sweep", spec.toString(), "--store", store.toString(), "--data-dir",
                data.toString(), "--progress", "lines"));
        args.addAll(List.of(extra));
        ForkedSalr s = ForkedSalr.start(store.resolveSibling(store.getFileName() + "-" + name + ".log"), args.toArray(String[]::new));
        started.add(s);
        return s;
    }

    private static Path spec(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }

    /** Every run completed, with exactly {@code attempts} lines in its attempts.log; no claim left. */
    private static void everyRunOnce(Path store, String yaml) throws IOException {
        Store s = new Store(store);
        for (SweepPlan.PlannedRun r : SweepSpec.parse(yaml).plan().runs()) {
            assertEquals(RunStatus.COMPLETED, s.result(r.id()).orElseThrow().status(), r.id());
            List<String> attempts = Files.readAllLines(s.folder(r.id()).attempts());
            assertEquals(1, attempts.size(), r.id() + " ran " + attempts.size() + " times: " + attempts);
        }
        assertEquals(List.of(), ForkedSalr.claimFiles(store), "every claim released");
    }

    @Test
    void twoSweepsWithWorkerJvmsShareTheRuns() throws Exception {
        Path spec = spec("two", SPEC);
        Path store = dir.resolve("two");
        ForkedSalr a = sweep(spec, store, "a", "--workers", "1");
        ForkedSalr b = sweep(spec, store, "b", "--workers", "1");
        assertEquals(0, a.waitFor(600), a.output());
        assertEquals(0, b.waitFor(600), b.output());
        everyRunOnce(store, SPEC);
        assertEquals(4, a.completedNow() + b.completedNow(), a.output() + b.output());
    }

    @Test
    void fourSweepsShareTheRuns() throws Exception {
        String yaml = SPEC.replace("seeds: [1, 2]", "seeds: [1, 2, 3, 4]").replace("epochs: 3", "epochs: 2");
        Path spec = spec("four", yaml);
        Path store = dir.resolve("four");
        List<ForkedSalr> sweeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sweeps.add(sweep(spec, store, "s" + i, "--in-process"));
        }
        int total = 0;
        for (ForkedSalr s : sweeps) {
            assertEquals(0, s.waitFor(600), s.output());
            total += s.completedNow();
        }
        everyRunOnce(store, yaml);
        assertEquals(8, total);
    }

    /**
     * A sweep killed with SIGKILL in the middle of a run (its worker JVM then ends too): the other sweep takes the
     * run over without waiting for the timeout, since the claim's processes on this machine are gone, and resumes it.
     */
    @Test
    void theRunOfAKilledSweepIsTakenOver() throws Exception {
        Path spec = spec("killed", SPEC);
        Path store = dir.resolve("killed");
        ForkedSalr victim = sweep(spec, store, "victim", "--workers", "1");
        String run = midRun(store, victim);
        List<ProcessHandle> victimWorkers = victim.process.descendants().toList();
        assertEquals(1, victimWorkers.size(), "one worker JVM");
        ForkedSalr survivor = sweep(spec, store, "survivor", "--workers", "1", "--claim-timeout", "600");
        ForkedSalr.signal(victim.pid(), "KILL"); // the sweep alone, not its worker
        victim.waitFor(30);
        assertEquals(0, survivor.waitFor(600), survivor.output());
        takenOver(store, run, victim.pid(), "gone");
        assertTrue(victimWorkers.stream().noneMatch(ProcessHandle::isAlive), "the victim's worker ended with it");
    }

    /**
     * A sweep frozen (SIGSTOP) in the middle of a run, as a hung machine would be: its heartbeat stops, and after
     * the timeout the other sweep takes the run over and finishes the sweep.
     */
    @Test
    void theRunOfAFrozenSweepIsTakenOverAfterTheTimeout() throws Exception {
        Path spec = spec("frozen", SPEC);
        Path store = dir.resolve("frozen");
        ForkedSalr victim = sweep(spec, store, "victim", "--in-process", "--claim-timeout", "3");
        String run = midRun(store, victim);
        ForkedSalr.signal(victim.pid(), "STOP");
        java.time.Instant stopped = java.time.Instant.now();
        ForkedSalr survivor = sweep(spec, store, "survivor", "--in-process", "--claim-timeout", "3");
        assertEquals(0, survivor.waitFor(600), survivor.output());
        takenOver(store, run, victim.pid(), "heartbeat");
        // the victim's last heartbeat was at most one interval (0.5 s) before it froze; the takeover needs 3 s more
        java.time.Instant takeover = java.time.Instant.parse(
                Files.readAllLines(new Store(store).folder(run).attempts()).get(1).split(" ")[0]);
        assertTrue(java.time.Duration.between(stopped, takeover).toMillis() >= 2000,
                "taken over " + java.time.Duration.between(stopped, takeover) + " after the freeze: not before the timeout");
        victim.killTree();
    }

    /** Waits until {@code victim} holds a run that has written a checkpoint; returns that run's id. */
    private static String midRun(Path store, ForkedSalr victim) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            for (String run : ForkedSalr.claimedBy(store, victim.pid())) {
                if (Files.exists(store.resolve("runs").resolve(run).resolve("checkpoint.bin"))) {
                    return run;
                }
            }
            if (!victim.process.isAlive()) {
                throw new AssertionError("the sweep ended before it was caught in a run:\n" + victim.output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no run of the sweep wrote a checkpoint within 300 s:\n" + victim.output());
    }

    private static void takenOver(Path store, String run, long victimPid, String reason) throws IOException {
        Store s = new Store(store);
        List<String> attempts = Files.readAllLines(s.folder(run).attempts());
        assertEquals(2, attempts.size(), String.valueOf(attempts));
        assertTrue(attempts.get(1).contains("takeover=(host=") && attempts.get(1).contains("pid=" + victimPid)
                && attempts.get(1).contains(reason), attempts.get(1));
        for (SweepPlan.PlannedRun r : SweepSpec.parse(Files.readString(s.sweepYaml())).plan().runs()) {
            assertEquals(RunStatus.COMPLETED, s.result(r.id()).orElseThrow().status(), r.id());
            if (!r.id().equals(run)) {
                assertEquals(1, Files.readAllLines(s.folder(r.id()).attempts()).size(), r.id());
            }
        }
        assertEquals(List.of(), ForkedSalr.claimFiles(store), "every claim released");
    }

}
