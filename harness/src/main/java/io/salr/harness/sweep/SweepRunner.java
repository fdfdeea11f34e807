package io.salr.harness.sweep;

import io.salr.harness.run.RunFolder;
import io.salr.harness.run.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes the runs of a plan that are not complete yet, in a store (STYLE rule 8: a sweep survives its
 * runs). Completed, diverged and failed runs are skipped; interrupted ones resume from their checkpoint.
 * Each run executes in a JVM of its own ({@code salr worker}) so a native crash cannot end the sweep, with
 * {@code OMP_NUM_THREADS} set so that workers x threads does not exceed the cores; or, for tests, in this JVM.
 * A worker that dies without a result (killed, crashed) counts as failed for this sweep but leaves its
 * folder as it was, so the next sweep resumes it from its checkpoint.
 */
public final class SweepRunner {

    /**
     * How to execute.
     *
     * @param workers runs at once (forked mode)
     * @param inProcess run in this JVM, one after another (for tests)
     * @param dataDir where the data lives, when not at its default place
     * @param retryFailed rerun runs recorded as failed (their folder moves to STORE/failed/)
     * @param progress where the one-line progress reports go
     */
    public record Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress) {
        public static Options inProcess(PrintWriter progress) {
            return new Options(1, true, Optional.empty(), false, progress);
        }
    }

    /**
     * What a sweep did.
     *
     * @param planned runs in the (sharded) plan
     * @param skipped runs already complete before this sweep
     * @param completed runs completed now
     * @param diverged runs that diverged now
     * @param failed runs that failed now (with causes in {@code failures})
     */
    public record Outcome(int planned, int skipped, int completed, int diverged, int failed, List<String> failures) {
        public boolean ok() {
            return diverged == 0 && failed == 0;
        }
    }

    private SweepRunner() {
    }

    public static Outcome run(Store store, List<SweepPlan.PlannedRun> runs, Options options) {
        List<SweepPlan.PlannedRun> todo = new ArrayList<>();
        int skipped = 0;
        for (SweepPlan.PlannedRun r : runs) {
            Store.RunState state = store.state(r.id());
            if (state == Store.RunState.FAILED && options.retryFailed()) {
                store.retire(r.id());
                state = Store.RunState.REMAINING;
            }
            if (state.done()) {
                skipped++;
            } else {
                todo.add(r);
            }
        }
        Progress progress = new Progress(options.progress(), todo.size());
        options.progress().printf(Locale.ROOT, "sweep: %d runs planned, %d already complete, %d to run%s%n", runs.size(), skipped,
                todo.size(), options.inProcess() ? " (in this JVM)" : " (" + options.workers() + " worker JVMs)");
        if (options.inProcess()) {
            Trainer.Options t = Trainer.Options.defaults().withDataDir(options.dataDir());
            for (SweepPlan.PlannedRun r : todo) {
                long start = System.nanoTime();
                Map<String, Object> result = store.execute(r.spec(), t);
                progress.finished(r, String.valueOf(result.get("status")), (String) result.get("cause"), start);
            }
        } else {
            int workers = Math.max(1, options.workers());
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (SweepPlan.PlannedRun r : todo) {
                    futures.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        String[] outcome = fork(store, r, options.dataDir(), threads);
                        progress.finished(r, outcome[0], outcome[1], start);
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("sweep executor failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new Outcome(runs.size(), skipped, progress.completed, progress.diverged, progress.failed,
                List.copyOf(progress.failures));
    }

    /** Runs one run in a fresh JVM; returns {status, cause}. */
    private static String[] fork(Store store, SweepPlan.PlannedRun r, Optional<Path> dataDir, int threads) {
        RunFolder f = store.folder(r.id());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        if (System.getProperty("salr.home") != null) {
            cmd.add("-Dsalr.home=" + System.getProperty("salr.home"));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.salr.harness.cli.SalrCommand");
        cmd.add("worker");
        cmd.add("--store");
        cmd.add(store.root().toAbsolutePath().toString());
        cmd.add("--id");
        cmd.add(r.id());
        dataDir.ifPresent(d -> {
            cmd.add("--data-dir");
            cmd.add(d.toAbsolutePath().toString());
        });
        try {
            Files.createDirectories(f.dir());
            Path log = f.dir().resolve("worker.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            Process p = pb.start();
            int code = p.waitFor();
            if (f.isComplete()) {
                Map<String, Object> result = RunFolder.readJson(f.result());
                return new String[] {String.valueOf(result.get("status")), (String) result.get("cause")};
            }
            return new String[] {"failed", "worker exited with code " + code + " and no result (see " + log
                + "; a rerun resumes from the checkpoint)"};
        } catch (IOException e) {
            return new String[] {"failed", "cannot start a worker JVM: " + e.getMessage()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new String[] {"failed", "interrupted"};
        }
    }

    /** One plain line per finished run: status, counts and an ETA from the mean time per run. */
    private static final class Progress {
        private final PrintWriter out;
        private final int total;
        private final long start = System.nanoTime();
        int completed;
        int diverged;
        int failed;
        final List<String> failures = new ArrayList<>();

        Progress(PrintWriter out, int total) {
            this.out = out;
            this.total = total;
        }

        synchronized void finished(SweepPlan.PlannedRun r, String status, String cause, long runStart) {
            switch (status) {
                case "completed" -> completed++;
                case "diverged" -> diverged++;
                default -> failed++;
            }
            if (!"completed".equals(status)) {
                failures.add(r.id() + " " + status + ": " + cause);
            }
            int done = completed + diverged + failed;
            int remaining = total - done;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = done == 0 ? 0 : elapsed / done * remaining;
            Object gamma = r.spec().methodParams().get("gamma");
            out.printf(Locale.ROOT, "[%d/%d] %s %s %s %s%s seed %d: %s%s (%.1fs) - done %d, failed %d, remaining %d, ETA %s%n",
                    done, total, r.id(), r.spec().data().dataset(), r.spec().model().architecture(), r.spec().method(),
                    gamma == null ? "" : " gamma=" + gamma,
                    r.spec().seed(), status, cause == null ? "" : " (" + cause + ")", (System.nanoTime() - runStart) / 1e9,
                    completed, diverged + failed, remaining, duration(eta));
            out.flush();
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
    }

}
