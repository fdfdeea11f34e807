package io.salr.harness.sweep;

import io.salr.datasets.real.Datasets;
import io.salr.harness.run.Kernels;
import io.salr.harness.run.RunFolder;
import io.salr.harness.run.RunResult;
import io.salr.harness.run.RunStatus;
import io.salr.harness.run.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
     * @param retryFailed rerun runs recorded as failed (their folders move to STORE/failed/)
     * @param progress where the progress goes: one plain line per finished run, and the live bar
     * @param progressMode whether to draw the live bar (see {@link ProgressMode})
     * @param kernels the CPU kernel families worker JVMs may use ({@link Kernels#PINNED} by default); an
     *     in-process sweep runs with whatever this JVM was started with
     */
    public record Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress,
            ProgressMode progressMode, Kernels kernels) {

        public Options {
            Objects.requireNonNull(kernels, "kernels");
        }

        /** Options with {@link ProgressMode#AUTO} and pinned kernels. */
        public Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress) {
            this(workers, inProcess, dataDir, retryFailed, progress, ProgressMode.AUTO, Kernels.PINNED);
        }

        /** Options with pinned kernels. */
        public Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress,
                ProgressMode progressMode) {
            this(workers, inProcess, dataDir, retryFailed, progress, progressMode, Kernels.PINNED);
        }

        /** The same options with another data directory. */
        public Options withDataDir(Optional<Path> dir) {
            return new Options(workers, inProcess, dir, retryFailed, progress, progressMode, kernels);
        }

        /** The same options with other kernels. */
        public Options withKernels(Kernels k) {
            return new Options(workers, inProcess, dataDir, retryFailed, progress, progressMode, k);
        }

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

    /**
     * Checks, without reading them, that the files of every dataset of {@code runs} are where the runs will
     * look for them ({@link Datasets#locate}); run before anything starts or is written, so a wrong
     * {@code --data-dir} ends the sweep with the loader's message instead of recording every run as failed.
     *
     * @throws io.salr.datasets.real.DatasetNotFoundException naming the files, the Debian package or --data-dir
     * @throws io.salr.validation.InvalidParameterException when a dataset needs --data-dir and has none
     */
    public static void requireData(List<SweepPlan.PlannedRun> runs, Optional<Path> dataDir) {
        runs.stream().map(r -> r.spec().data().dataset()).distinct().forEach(d -> Datasets.locate(d, dataDir));
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
        boolean bar = options.progressMode().bar(ProgressDisplay.terminal());
        Progress progress = new Progress(store, todo.size());
        ProgressDisplay display = new ProgressDisplay(options.progress(), bar, bar ? ProgressDisplay.terminalWidth() : 80,
                progress::snapshot);
        progress.display = display;
        display.log(String.format(Locale.ROOT, "sweep: %d runs planned, %d already complete, %d to run%s", runs.size(), skipped,
                todo.size(), options.inProcess() ? " (in this JVM)" : " (" + options.workers() + " worker JVMs)"));
        display.start();
        try {
            if (options.inProcess()) {
                Trainer.Options t = Trainer.Options.defaults().withDataDir(options.dataDir());
                for (SweepPlan.PlannedRun r : todo) {
                    long start = progress.started(r);
                    RunResult result = store.execute(r.spec(), t);
                    progress.finished(r, result.status(), result.cause().orElse(null), start);
                }
            } else {
                forkAll(store, todo, options, progress);
            }
        } finally {
            display.close();
        }
        return new Outcome(runs.size(), skipped, progress.completed, progress.diverged, progress.failed,
                List.copyOf(progress.failures));
    }

    private static void forkAll(Store store, List<SweepPlan.PlannedRun> todo, Options options, Progress progress) {
        int workers = Math.max(1, options.workers());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPlan.PlannedRun r : todo) {
                futures.add(pool.submit(() -> {
                    long start = progress.started(r);
                    RunResult outcome = fork(store, r, options.dataDir(), threads, options.kernels());
                    progress.finished(r, outcome.status(), outcome.cause().orElse(null), start);
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

    /**
     * The memory bounds of a worker JVM: the parent's own heap and JavaCPP bounds when it has them (the
     * launcher sets them; SALR_JAVA_OPTS may change them), else the launcher's defaults. Without a bound
     * on JavaCPP's off-heap memory the collector seldom runs and a long run's resident set keeps growing
     * (a 10k-step run reached 24 GB).
     */
    static List<String> memoryOptions(List<String> parentArguments) {
        List<String> inherited = parentArguments.stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Dorg.bytedeco.javacpp."))
                .toList();
        return inherited.isEmpty()
                ? List.of("-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g")
                : inherited;
    }

    /**
     * The environment of a worker JVM: {@code OMP_NUM_THREADS} (workers x threads stay within the cores)
     * and the kernel pin (or its absence), which the numeric libraries read when they load.
     */
    static void workerEnvironment(Map<String, String> environment, int threads, Kernels kernels) {
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        kernels.applyTo(environment);
    }

    /** Runs one run in a fresh JVM; its result (a failed one, not written, when the worker left none). */
    private static RunResult fork(Store store, SweepPlan.PlannedRun r, Optional<Path> dataDir, int threads,
            Kernels kernels) {
        RunFolder f = store.folder(r.id());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(memoryOptions(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
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
            workerEnvironment(pb.environment(), threads, kernels);
            Process p = pb.start();
            int code = p.waitFor();
            if (f.isComplete()) {
                return RunResult.fromMap(RunFolder.readJson(f.result()));
            }
            return RunResult.failed(r.id(), "worker exited with code " + code + " and no result (see " + log
                + "; a rerun resumes from the checkpoint)", RunResult.FailureKind.INFRASTRUCTURE, Map.of());
        } catch (IOException e) {
            return RunResult.failed(r.id(), "cannot start a worker JVM: " + e.getMessage(),
                    RunResult.FailureKind.INFRASTRUCTURE, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed(r.id(), "interrupted", RunResult.FailureKind.INFRASTRUCTURE, Map.of());
        }
    }

    /**
     * The counts of a sweep and its runs in flight. One plain line per finished run (status, counts, an ETA
     * from the mean time per run); the {@link ProgressView.Snapshot} for the live bar reads the progress
     * files of the runs in flight.
     */
    private static final class Progress {
        private final Store store;
        private final int total;
        private final long start = System.nanoTime();
        private final Map<String, SweepPlan.PlannedRun> inFlight = new LinkedHashMap<>();
        ProgressDisplay display;
        int completed;
        int diverged;
        int failed;
        final List<String> failures = new ArrayList<>();

        Progress(Store store, int total) {
            this.store = store;
            this.total = total;
        }

        /** Marks {@code r} as running; returns its start time (nanoseconds). */
        synchronized long started(SweepPlan.PlannedRun r) {
            inFlight.put(r.id(), r);
            return System.nanoTime();
        }

        void finished(SweepPlan.PlannedRun r, RunStatus status, String cause, long runStart) {
            String line;
            synchronized (this) {
                inFlight.remove(r.id());
                switch (status) {
                    case COMPLETED -> completed++;
                    case DIVERGED, COLLAPSED -> diverged++;
                    case FAILED -> failed++;
                }
                if (status != RunStatus.COMPLETED) {
                    failures.add(r.id() + " " + status.label() + ": " + cause);
                }
                int done = completed + diverged + failed;
                int remaining = total - done;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eta = done == 0 ? 0 : elapsed / done * remaining;
                line = String.format(Locale.ROOT, "[%d/%d] %s %s%s: %s%s (%.1fs) - done %d, failed %d, remaining %d, ETA %s",
                        done, total, r.id(), r.spec().data().dataset() + " ", label(r), status.label(),
                        cause == null ? "" : " (" + cause + ")", (System.nanoTime() - runStart) / 1e9,
                        completed, diverged + failed, remaining, ProgressView.duration(eta));
            }
            display.log(line); // outside the lock: the display's redraw takes it to read the snapshot
        }

        synchronized ProgressView.Snapshot snapshot() {
            List<ProgressView.Worker> workers = new ArrayList<>();
            for (SweepPlan.PlannedRun r : inFlight.values()) {
                Optional<RunProgress> p = RunProgress.read(store.folder(r.id()).progress());
                double fraction = p.map(x -> r.spec().budget().inEpochs()
                        ? (double) x.iteration() / Math.max(1, r.iterations())
                        : (double) x.gradientCalls() / r.spec().budget().gradientCalls()).orElse(0.0);
                workers.add(new ProgressView.Worker(r.id().substring(0, 8) + " " + label(r), p, fraction));
            }
            return new ProgressView.Snapshot(total, completed, diverged, failed, (System.nanoTime() - start) / 1e9, workers);
        }

        /** {@code mlp sgd-salr gamma=0.01 seed 1}. */
        private static String label(SweepPlan.PlannedRun r) {
            Object gamma = r.spec().methodParams().get("gamma");
            return r.spec().model().architecture() + " " + r.spec().methodName() + (gamma == null ? "" : " gamma=" + gamma)
                    + " seed " + r.spec().seed();
        }
    }
}
