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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Executes the runs of a plan that are not complete yet, in a store (STYLE rule 8: a sweep survives its
 * runs). Completed, diverged and collapsed runs are skipped; interrupted ones resume from their checkpoint.
 * Runs execute in worker JVMs ({@link WorkerMain}), each running many runs one after another (natives loaded
 * and data read once), so that a native crash cannot end the sweep and loses only the run in flight; or, for
 * tests, in this JVM. A run is sent to its worker as its canonical spec. Each worker computes with the
 * intra-op thread count of its runs' specs ({@link io.salr.harness.run.RunSpec#threads()}, set as
 * {@code OMP_NUM_THREADS} when the JVM starts), so a run's numbers do not depend on the number of workers.
 *
 * <p>Failed runs follow their {@link RunResult.FailureKind}: a run that failed for a reason of the machine
 * (a killed or crashed worker, I/O, out of memory) is resumed from its checkpoint by the next sweep; one that
 * failed deterministically is rerun only with {@code retryFailed} and otherwise reported, and the sweep's
 * {@link Outcome} is not ok while any remains. A worker that dies without a result counts as failed for this
 * sweep but leaves its folder as it was, so the next sweep resumes it.
 *
 * <p>Several sweeps (and Slurm tasks) may work on one store at once: before a run starts, the sweep claims it
 * ({@link RunClaims}); a run claimed by another live process is left to it, and the sweep waits until it is
 * done, taking it over when its claim goes stale (its processes gone, or its heartbeat older than the timeout).
 *
 * <p>On SIGTERM or SIGINT the sweep stops its workers: it passes SIGTERM on to each, waits up to
 * {@link Options#stopGrace()} for them to end (a worker writes a checkpoint on SIGTERM), kills those still
 * alive, and releases its claims. A worker also ends when its sweep is killed outright (it watches the pipe
 * from the sweep process), so no worker outlives its sweep.
 */
public final class SweepRunner {

    /** Exit code of a worker that lost its claim on the run to another process (it stops at once). */
    public static final int EXIT_CLAIM_LOST = 75;

    /** Exit code of a command (a worker here) that ran out of memory; the same as the command line's. */
    public static final int EXIT_OUT_OF_MEMORY = 4;

    /** How long workers get to end after SIGTERM before they are killed, by default. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

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
     * @param claimTimeout how long another process's claim may go without a heartbeat before this sweep takes
     *     the run over ({@link RunClaims#DEFAULT_TIMEOUT} by default)
     * @param stopGrace how long workers get to end after SIGTERM before they are killed
     */
    public record Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress,
            ProgressMode progressMode, Kernels kernels, Duration claimTimeout, Duration stopGrace) {

        public Options {
            Objects.requireNonNull(kernels, "kernels");
            Objects.requireNonNull(claimTimeout, "claimTimeout");
            Objects.requireNonNull(stopGrace, "stopGrace");
        }

        /** Options with {@link ProgressMode#AUTO}, pinned kernels and the default timeouts. */
        public Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress) {
            this(workers, inProcess, dataDir, retryFailed, progress, ProgressMode.AUTO);
        }

        /** Options with pinned kernels and the default timeouts. */
        public Options(int workers, boolean inProcess, Optional<Path> dataDir, boolean retryFailed, PrintWriter progress,
                ProgressMode progressMode) {
            this(workers, inProcess, dataDir, retryFailed, progress, progressMode, Kernels.PINNED,
                    RunClaims.DEFAULT_TIMEOUT, DEFAULT_STOP_GRACE);
        }

        /** The same options with another data directory. */
        public Options withDataDir(Optional<Path> dir) {
            return new Options(workers, inProcess, dir, retryFailed, progress, progressMode, kernels, claimTimeout, stopGrace);
        }

        /** The same options with other kernels. */
        public Options withKernels(Kernels k) {
            return new Options(workers, inProcess, dataDir, retryFailed, progress, progressMode, k, claimTimeout, stopGrace);
        }

        /** The same options with another claim timeout. */
        public Options withClaimTimeout(Duration timeout) {
            return new Options(workers, inProcess, dataDir, retryFailed, progress, progressMode, kernels, timeout, stopGrace);
        }

        /** The same options with another grace period after SIGTERM. */
        public Options withStopGrace(Duration grace) {
            return new Options(workers, inProcess, dataDir, retryFailed, progress, progressMode, kernels, claimTimeout, grace);
        }

        public static Options inProcess(PrintWriter progress) {
            return new Options(1, true, Optional.empty(), false, progress);
        }
    }

    /**
     * What a sweep did.
     *
     * @param study the study its runs belong to (a tuned study's stage names itself: {@code STUDY-tuning})
     * @param planned runs in the (sharded) plan
     * @param skipped runs already complete (completed, diverged or collapsed) before this sweep
     * @param completed runs completed now
     * @param diverged runs that diverged or collapsed now
     * @param failed runs that failed now (with causes in {@code failures})
     * @param failures one line per run that did not complete now: id, status, cause
     * @param resumed runs that had failed for a reason of the machine and were resumed now
     * @param byOthers runs that other processes finished while this sweep waited for them
     * @param failedRemaining runs of the plan recorded as failed that this sweep did not rerun (they failed
     *     deterministically before it started, or in another process while it waited): id, kind and cause
     */
    public record Outcome(String study, int planned, int skipped, int completed, int diverged, int failed, List<String> failures,
            int resumed, int byOthers, List<String> failedRemaining) {

        public Outcome {
            failures = List.copyOf(failures);
            failedRemaining = List.copyOf(failedRemaining);
        }

        /** True when nothing failed or diverged now and no failed run remains in the plan. */
        public boolean ok() {
            return diverged == 0 && failed == 0 && failedRemaining.isEmpty();
        }
    }

    /** How many worker JVMs in a row may fail to start before the sweep stops. */
    static final int START_FAILURES_BEFORE_STOP = 3;

    /**
     * The sweep stopped because worker JVMs could not be started {@value #START_FAILURES_BEFORE_STOP} times in a row
     * (for instance: the JDK was upgraded under the running sweep, and every new process fails with "Failed to exec
     * spawn helper"). A failure of the machine: the runs that could not start were not recorded as failed, and a
     * rerun resumes them.
     */
    public static final class WorkersCannotStart extends RuntimeException {
        WorkersCannotStart(String message) {
            super(message);
        }
    }

    private SweepRunner() {
    }

    /**
     * Checks that every device of {@code runs} other than the CPU is usable here (the torch engine on
     * {@code cuda}: the CUDA build of LibTorch and a GPU it sees), before anything starts or is written, so a
     * CPU-only machine ends the sweep with one clear message instead of recording every run as failed. Loads
     * LibTorch in this process only when some run asks for a GPU.
     *
     * @throws io.salr.validation.InvalidParameterException naming the device and what is missing
     */
    public static void requireDevices(List<SweepPlan.PlannedRun> runs) {
        Map<String, SweepPlan.PlannedRun> seen = new LinkedHashMap<>();
        for (SweepPlan.PlannedRun r : runs) {
            if (!r.spec().device().isCpu()) {
                seen.putIfAbsent(r.spec().engine() + "@" + r.spec().device(), r);
            }
        }
        seen.values().forEach(r -> r.spec().engine().checkAvailable(r.spec().device()));
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
        // a text corpus's size is known only once it is read: read each one with a subset once, before anything runs
        Map<String, io.salr.harness.run.DataSpec> subsets = new LinkedHashMap<>();
        for (SweepPlan.PlannedRun r : runs) {
            io.salr.harness.run.DataSpec d = r.spec().data();
            if (d.dataset().startsWith("text:") && (d.trainSubset() > 0 || d.testSubset() > 0)) {
                subsets.putIfAbsent(d.dataset(), d);
            }
        }
        subsets.forEach((name, d) -> {
            io.salr.datasets.real.LoadedDataset loaded = Datasets.load(name, dataDir);
            SweepSpec.checkLoadedSubsets(name, loaded.train().size(), loaded.test().size(), d.trainSubset(), d.testSubset(),
                    "data.train_subset", "data.test_subset");
        });
    }

    /**
     * A run this sweep means to execute.
     *
     * @param run the run
     * @param failedResult the failed result it had when the sweep started, when it had one (to be retired with
     *     retryFailed, or resumed after an infrastructure failure); a different result found later means another
     *     process got there first
     * @param retire move the failed folder away first (retryFailed)
     */
    private record Task(SweepPlan.PlannedRun run, Optional<RunResult> failedResult, boolean retire) {
        String id() {
            return run.id();
        }
    }

    public static Outcome run(Store store, List<SweepPlan.PlannedRun> runs, Options options) {
        List<Task> todo = new ArrayList<>();
        List<String> failedRemaining = new ArrayList<>();
        int skipped = 0;
        for (SweepPlan.PlannedRun r : runs) {
            Store.RunState state = store.state(r.id());
            if (state == Store.RunState.FAILED) {
                RunResult failed = store.result(r.id()).orElseThrow();
                if (options.retryFailed() || failed.resumable()) {
                    // a failure of the machine resumes from its checkpoint, with --retry-failed too
                    todo.add(new Task(r, Optional.of(failed), options.retryFailed() && !failed.resumable()));
                } else {
                    failedRemaining.add(failedLine(r.id(), failed));
                }
            } else if (state.done()) {
                skipped++;
            } else {
                todo.add(new Task(r, Optional.empty(), false));
            }
        }
        boolean bar = options.progressMode().bar(ProgressDisplay.terminal());
        Progress progress = new Progress(store, todo.size(), new RunLabels(runs));
        ProgressDisplay display = new ProgressDisplay(options.progress(), bar, bar ? ProgressDisplay.terminalWidth() : 80,
                progress::snapshot);
        progress.display = display;
        int slots = options.inProcess() ? 1 : Math.max(1, Math.min(options.workers(), todo.size()));
        display.log(String.format(Locale.ROOT, "sweep: %d runs planned, %d already complete, %d to run%s%s", runs.size(),
                skipped, todo.size(), options.inProcess() ? " (in this JVM)" : " (" + slots + " worker JVMs)",
                failedRemaining.isEmpty() ? "" : String.format(Locale.ROOT, ", %d failed before and not rerun (--retry-failed reruns them)",
                        failedRemaining.size())));
        Scheduler scheduler = new Scheduler(store, options, progress, display, slots);
        Thread hook = new Thread(scheduler::stop, "sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        display.start();
        try {
            scheduler.run(todo);
        } finally {
            display.close();
            scheduler.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running or has run
            }
        }
        if (scheduler.cannotStart != null) {
            throw new WorkersCannotStart(String.format(Locale.ROOT, "%d worker JVMs in a row could not be started (%s);"
                    + " %d runs finished before that. Nothing was recorded as failed: fix the machine (a JDK upgraded"
                    + " under the running sweep needs a fresh shell) and rerun the same command to resume",
                    START_FAILURES_BEFORE_STOP, scheduler.cannotStart, progress.completed + progress.diverged + progress.failed));
        }
        failedRemaining.addAll(scheduler.failedElsewhere);
        return new Outcome(runs.isEmpty() ? store.root().getFileName().toString() : runs.get(0).spec().study(),
                runs.size(), skipped, progress.completed, progress.diverged, progress.failed,
                List.copyOf(progress.failures), scheduler.resumed, progress.byOthers, failedRemaining);
    }

    private static String failedLine(String id, RunResult failed) {
        return id + " failed (" + failed.failure().map(RunResult.FailureKind::label).orElse("?") + "): "
                + failed.cause().orElse("no cause recorded");
    }

    /**
     * Starts runs as claims and worker slots allow, waits for them and for runs held by other processes, and
     * stops everything on a signal.
     */
    private static final class Scheduler {
        private final Store store;
        private final Options options;
        private final Progress progress;
        private final ProgressDisplay display;
        private final int slots;
        private final RunClaims claims;
        private final RunClaims.Heartbeat heartbeat;
        private final ExecutorService pool;
        private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        private final Object lock = new Object();
        /** Worker JVMs running a run now, by run id (guarded by {@code lock}). */
        private final Map<String, Process> live = new LinkedHashMap<>();
        /** Worker JVMs waiting for their next run (guarded by {@code lock}). */
        private final Deque<WorkerJvm> idle = new ArrayDeque<>();
        /** Claims held now (guarded by {@code lock}). */
        private final Set<RunClaims.Claim> held = new java.util.HashSet<>();
        private final Set<String> lostClaims = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Set<String> announced = new java.util.HashSet<>();
        private boolean stopping;
        /** Worker JVMs that failed to start since the last one that started (guarded by {@code lock}). */
        private int startFailuresInARow;
        /** Why the sweep stopped starting workers, when it did (guarded by {@code lock}). */
        private String cannotStart;
        private volatile OutOfMemoryError outOfMemory;
        int resumed;
        final List<String> failedElsewhere = new ArrayList<>();

        /**
         * A run that ended in a worker slot.
         *
         * @param lost another process took the run over
         * @param notStarted its worker JVM could not be started: nothing ran, and the run goes back to the queue
         */
        private record Finished(Task task, RunClaims.Claim claim, RunResult result, long start, boolean lost, boolean notStarted) {
            Finished(Task task, RunClaims.Claim claim, RunResult result, long start, boolean lost) {
                this(task, claim, result, start, lost, false);
            }
        }

        /** What to do with a task now. */
        private sealed interface Decision {
        }

        private record Launch(RunClaims.Claim claim, Optional<RunClaims.Takeover> takeover) implements Decision {
        }

        private record Wait(RunClaims.Holder holder) implements Decision {
        }

        private record DoneElsewhere(RunResult result) implements Decision {
        }

        Scheduler(Store store, Options options, Progress progress, ProgressDisplay display, int slots) {
            this.store = store;
            this.options = options;
            this.progress = progress;
            this.display = display;
            this.slots = slots;
            this.claims = new RunClaims(store.root(), options.claimTimeout());
            this.heartbeat = claims.heartbeat(this::lost);
            this.pool = options.inProcess() ? null : Executors.newFixedThreadPool(slots, r -> {
                Thread t = new Thread(r, "sweep-worker");
                t.setDaemon(true);
                return t;
            });
        }

        void run(List<Task> todo) {
            Deque<Task> queue = new ArrayDeque<>(todo);
            int active = 0;
            long poll = Math.max(50, Math.min(1000, options.claimTimeout().toMillis() / 4));
            try {
                while (!queue.isEmpty() || active > 0) {
                    Iterator<Task> it = queue.iterator();
                    while (active < slots && it.hasNext() && !stopping() && !cannotStart()) {
                        Task t = it.next();
                        Decision d = decide(t);
                        if (d instanceof Wait w) {
                            if (announced.add(t.id())) {
                                display.log("waiting: run " + t.id() + " is held by another process (" + w.holder().describe()
                                        + "); it is taken over if that process stops");
                            }
                            continue;
                        }
                        it.remove();
                        if (d instanceof DoneElsewhere e) {
                            doneElsewhere(t, e.result());
                        } else if (d instanceof Launch l) {
                            if (options.inProcess()) {
                                handle(execute(t, l));
                            } else {
                                active++;
                                pool.submit(() -> {
                                    Finished f;
                                    try {
                                        f = execute(t, l);
                                    } catch (OutOfMemoryError e) {
                                        outOfMemory = e; // this JVM, not the worker's: the sweep ends with exit 4
                                        f = new Finished(t, l.claim(), RunResult.failed(t.id(), "the sweep ran out of memory",
                                                RunResult.FailureKind.INFRASTRUCTURE, Map.of()), System.nanoTime(), false);
                                    } catch (RuntimeException | Error e) {
                                        f = new Finished(t, l.claim(), RunResult.failed(t.id(), "sweep could not run the worker: " + e,
                                                RunResult.FailureKind.INFRASTRUCTURE, Map.of()), System.nanoTime(), false);
                                    }
                                    finished.add(f);
                                });
                            }
                        }
                    }
                    if (outOfMemory != null) {
                        throw outOfMemory;
                    }
                    if (stopping() || ((queue.isEmpty() || cannotStart()) && active == 0)) {
                        break;
                    }
                    Finished f = active > 0 ? finished.poll(poll, TimeUnit.MILLISECONDS) : null;
                    if (f == null && active == 0) {
                        Thread.sleep(poll); // only runs held elsewhere are left: look again
                    }
                    while (f != null) {
                        active--;
                        if (f.lost() || f.notStarted() && !cannotStart()) {
                            queue.addLast(f.lost() ? new Task(f.task().run(), Optional.empty(), false) : f.task());
                        }
                        handle(f);
                        f = finished.poll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            }
        }

        /** Claims the run when it is free (or its claim stale), or says why not. */
        private Decision decide(Task t) {
            Optional<RunResult> before = store.result(t.id());
            if (before.isPresent() && !sameFailure(t, before.get())) {
                return new DoneElsewhere(before.get());
            }
            RunClaims.Attempt a = claims.tryAcquire(t.id());
            if (a instanceof RunClaims.Held h) {
                return new Wait(h.holder());
            }
            RunClaims.Acquired acquired = (RunClaims.Acquired) a;
            Optional<RunResult> now = store.result(t.id());
            if (now.isPresent() && !sameFailure(t, now.get())) {
                acquired.claim().release();
                return new DoneElsewhere(now.get());
            }
            if (now.isPresent() && t.retire()) {
                store.retire(t.id());
            } else if (now.isPresent()) {
                resumed++;
                display.log("resuming run " + t.id() + (Files.exists(store.folder(t.id()).checkpoint()) ? " from its checkpoint"
                        : " from the start (it has no checkpoint)") + ": it failed for a reason of the machine ("
                        + now.get().cause().orElse("no cause recorded") + ")");
            } else if (store.state(t.id()) == Store.RunState.RUNNING) {
                display.log("resuming run " + t.id() + (Files.exists(store.folder(t.id()).checkpoint()) ? " from its checkpoint" : "")
                        + ": it was interrupted (its worker or sweep was killed, crashed or stopped)"
                        + acquired.takeover().map(x -> "; " + x.describe()).orElse(""));
            }
            synchronized (lock) {
                held.add(acquired.claim());
            }
            heartbeat.add(acquired.claim());
            return new Launch(acquired.claim(), acquired.takeover());
        }

        private static boolean sameFailure(Task t, RunResult current) {
            return t.failedResult().isPresent() && t.failedResult().get().equals(current);
        }

        private void doneElsewhere(Task t, RunResult r) {
            if (r.status() == RunStatus.FAILED) {
                failedElsewhere.add(failedLine(t.id(), r));
            }
            progress.finishedElsewhere(t.run(), r.status());
        }

        /** Runs one claimed run, in this JVM or in a worker JVM. */
        private Finished execute(Task t, Launch l) {
            long start = progress.started(t.run());
            Optional<String> note = l.takeover().map(RunClaims.Takeover::describe);
            if (options.inProcess()) {
                Trainer.Options to = Trainer.Options.defaults().withDataDir(options.dataDir())
                        .withInitSources(store.initSources());
                RunResult result = store.execute(t.run().spec(), to, note);
                return new Finished(t, l.claim(), result, start, false);
            }
            return fork(t, l.claim(), note, start);
        }

        /**
         * Runs one run in a worker JVM: an idle one started with the run's thread count, else a new one; its
         * result (a failed one, not written, when the worker left none). A worker that answered goes back to
         * the idle ones; one that died takes only this run with it.
         */
        private Finished fork(Task t, RunClaims.Claim claim, Optional<String> note, long start) {
            SweepPlan.PlannedRun r = t.run();
            RunFolder f = store.folder(r.id());
            RunClaims.Holder h = claim.holder();
            int threads = r.spec().threads();
            Path log = f.dir().resolve("worker.log");
            WorkerJvm w = null;
            try {
                Files.createDirectories(f.dir());
                synchronized (lock) {
                    if (stopping) {
                        return new Finished(t, claim, RunResult.failed(r.id(), "not started: the sweep was stopped",
                                RunResult.FailureKind.INFRASTRUCTURE, Map.of()), start, false);
                    }
                    w = takeIdle(threads);
                    if (w == null) {
                        ProcessBuilder pb = new ProcessBuilder(workerCommand(store, options.dataDir(), threads))
                                .redirectErrorStream(true);
                        workerEnvironment(pb.environment(), threads, options.kernels());
                        Process started;
                        try {
                            started = pb.start();
                        } catch (IOException e) {
                            return notStarted(t, claim, start, e);
                        }
                        startFailuresInARow = 0;
                        w = new WorkerJvm(started, threads);
                    }
                    live.put(r.id(), w.process);
                }
                try {
                    claim.setWorker(w.process.pid());
                } catch (RuntimeException e) {
                    // the coordinator's heartbeat retries; the worker refreshes the claim as well
                }
                WorkerMain.Request request = new WorkerMain.Request(r.id(), r.spec().toMap(), Optional.of(h.generation()),
                        h.token(), options.claimTimeout(), note);
                OptionalInt answer = w.run(request, log, m -> display.log("run " + r.id() + ": " + m));
                int code = answer.isPresent() ? answer.getAsInt() : w.process.waitFor();
                synchronized (lock) {
                    live.remove(r.id());
                    if (answer.isPresent() && w.process.isAlive() && !stopping) {
                        idle.addLast(w);
                        w = null;
                    }
                }
                if (w != null && answer.isPresent()) {
                    w.close(); // stopping: the idle worker ends with its sweep
                }
                boolean lost = code == EXIT_CLAIM_LOST || lostClaims.remove(r.id());
                if (f.isComplete()) {
                    return new Finished(t, claim, RunResult.fromMap(RunFolder.readJson(f.result())), start, lost);
                }
                String why = code == EXIT_OUT_OF_MEMORY ? " (out of memory)" : code == 143 ? " (SIGTERM)"
                        : code == 137 ? " (SIGKILL)" : "";
                String what = answer.isPresent() ? "worker ended the run with code " + code
                        : "worker exited with code " + code + why;
                return new Finished(t, claim, RunResult.failed(r.id(), what
                        + " and no result (see " + log + "; a rerun resumes from the checkpoint)",
                        RunResult.FailureKind.INFRASTRUCTURE, Map.of()), start, lost);
            } catch (IOException e) {
                if (w != null) {
                    w.process.destroyForcibly();
                }
                synchronized (lock) {
                    live.remove(r.id());
                }
                return new Finished(t, claim, RunResult.failed(r.id(), "cannot run a worker JVM: " + e.getMessage(),
                        RunResult.FailureKind.INFRASTRUCTURE, Map.of()), start, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Finished(t, claim, RunResult.failed(r.id(), "interrupted", RunResult.FailureKind.INFRASTRUCTURE,
                        Map.of()), start, false);
            }
        }

        /**
         * A worker JVM for {@code t} could not be started (guarded by {@code lock}): the run goes back to the queue,
         * unrecorded; after {@value #START_FAILURES_BEFORE_STOP} such failures in a row the sweep stops starting runs.
         */
        private Finished notStarted(Task t, RunClaims.Claim claim, long start, IOException e) {
            startFailuresInARow++;
            String why = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            if (startFailuresInARow >= START_FAILURES_BEFORE_STOP && cannotStart == null) {
                cannotStart = why; // no new run starts; the runs in flight finish
            }
            return new Finished(t, claim, RunResult.failed(t.id(), "cannot start a worker JVM: " + why,
                    RunResult.FailureKind.INFRASTRUCTURE, Map.of()), start, false, true);
        }

        /** An idle worker started with {@code threads} threads, when there is one (guarded by {@code lock}). */
        private WorkerJvm takeIdle(int threads) {
            idle.removeIf(w -> !w.process.isAlive());
            for (Iterator<WorkerJvm> it = idle.iterator(); it.hasNext(); ) {
                WorkerJvm w = it.next();
                if (w.threads == threads) {
                    it.remove();
                    return w;
                }
            }
            // no worker with these threads: an idle one with others makes room (at most one JVM per slot)
            WorkerJvm other = idle.pollFirst();
            if (other != null) {
                other.close();
            }
            return null;
        }

        /** Records a finished run and gives its claim back. */
        private void handle(Finished f) {
            heartbeat.remove(f.claim());
            if (!f.lost()) {
                f.claim().release(); // before it leaves the held set, so that stop() releases it if we are halted here
            }
            synchronized (lock) {
                held.remove(f.claim());
            }
            if (f.lost()) {
                progress.cancelled(f.task().run());
                display.log("run " + f.task().id() + ": another process took it over (this sweep's claim went stale);"
                        + " waiting for that process");
                return;
            }
            if (f.notStarted()) {
                progress.cancelled(f.task().run());
                display.log("run " + f.task().id() + ": " + f.result().cause().orElse("its worker JVM could not be started")
                        + (cannotStart() ? "; not recorded as failed, a rerun resumes it" : "; it goes back to the queue"));
                return;
            }
            if (stopping() && f.result().status() == RunStatus.FAILED && !store.folder(f.task().id()).isComplete()) {
                // the stop ended its worker: nothing failed, and the next sweep resumes it
                progress.cancelled(f.task().run());
                display.log("run " + f.task().id() + ": stopped with the sweep; a rerun resumes it"
                        + (Files.exists(store.folder(f.task().id()).checkpoint()) ? " from its checkpoint" : ""));
                return;
            }
            progress.finished(f.task().run(), f.result().status(), f.result().cause().orElse(null), f.start());
        }

        /** The heartbeat found a claim taken over: stop the worker that runs it. */
        private void lost(RunClaims.Claim c) {
            lostClaims.add(c.runId());
            Process p;
            synchronized (lock) {
                p = live.get(c.runId());
            }
            if (p != null) {
                p.destroyForcibly();
            } else if (options.inProcess()) {
                display.log("warning: run " + c.runId() + " was taken over by another process while it runs in this JVM");
            }
        }

        private boolean stopping() {
            synchronized (lock) {
                return stopping;
            }
        }

        /** Whether worker JVMs failed to start too often to start more. */
        private boolean cannotStart() {
            synchronized (lock) {
                return cannotStart != null;
            }
        }

        /**
         * On SIGTERM or SIGINT (the shutdown hook): no new worker starts; SIGTERM goes to every worker, which gets
         * {@link Options#stopGrace()} to end; workers still alive then are killed; the claims are released.
         */
        void stop() {
            List<Process> procs;
            synchronized (lock) {
                stopping = true;
                procs = new ArrayList<>(live.values());
                idle.forEach(w -> procs.add(w.process));
                idle.clear();
            }
            if (!procs.isEmpty()) {
                System.err.println("salr sweep: stopping " + procs.size() + " worker JVM(s): SIGTERM, up to "
                        + options.stopGrace().toSeconds() + " s to end, then SIGKILL");
            }
            procs.forEach(Process::destroy);
            long deadline = System.nanoTime() + options.stopGrace().toNanos();
            for (Process p : procs) {
                try {
                    p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (Process p : procs) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                    try {
                        p.waitFor(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            heartbeat.close();
            List<RunClaims.Claim> mine;
            synchronized (lock) {
                mine = new ArrayList<>(held);
            }
            mine.forEach(RunClaims.Claim::release);
        }

        /** Stops the heartbeat and the pool; claims still held (the sweep ended by an error) are released. */
        void close() {
            heartbeat.close();
            if (pool != null) {
                pool.shutdownNow();
            }
            List<RunClaims.Claim> left;
            List<Process> running;
            synchronized (lock) {
                if (stopping) {
                    return; // stop() ends the workers and releases the claims
                }
                left = new ArrayList<>(held);
                held.clear();
                running = new ArrayList<>(live.values());
                idle.forEach(WorkerJvm::close); // the sweep is done with them: each ends when its input closes
                idle.clear();
            }
            for (Process p : running) { // only when the sweep ends by an error: its workers end with it
                p.destroyForcibly();
            }
            for (RunClaims.Claim c : left) {
                if (!lostClaims.contains(c.runId())) {
                    c.release();
                }
            }
        }
    }

    /** The command line of a worker JVM ({@link WorkerMain}) for the runs of {@code store} with {@code threads} threads. */
    static List<String> workerCommand(Store store, Optional<Path> dataDir, int threads) {
        List<String> cmd = new ArrayList<>();
        // the JVM this one runs on, unless salr.worker.java names another java executable
        cmd.add(System.getProperty("salr.worker.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(memoryOptions(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (System.getProperty("salr.home") != null) {
            cmd.add("-Dsalr.home=" + System.getProperty("salr.home"));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add("--store");
        cmd.add(store.root().toAbsolutePath().toString());
        cmd.add("--threads");
        cmd.add(Integer.toString(threads));
        dataDir.ifPresent(d -> {
            cmd.add("--data-dir");
            cmd.add(d.toAbsolutePath().toString());
        });
        return cmd;
    }

    /**
     * A worker JVM and the two ends of its pipes: requests go to its standard input, its answers and its log
     * (standard output and error, merged) come back on one stream, read only while it runs a run.
     */
    static final class WorkerJvm {
        final Process process;
        final int threads;
        private final java.io.BufferedWriter requests;
        private final java.io.BufferedReader output;

        WorkerJvm(Process process, int threads) {
            this.process = process;
            this.threads = threads;
            this.requests = new java.io.BufferedWriter(new java.io.OutputStreamWriter(process.getOutputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            this.output = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * Sends {@code request} and copies what the worker prints into {@code log} until it answers; the answer's
         * code, or empty when the worker's output ended first (it died: its exit code tells how).
         */
        OptionalInt run(WorkerMain.Request request, Path log, java.util.function.Consumer<String> notices) throws IOException {
            try (java.io.Writer logFile = Files.newBufferedWriter(log, java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                try {
                    requests.write(request.toLine());
                    requests.newLine();
                    requests.flush();
                } catch (IOException e) {
                    // the worker is gone: its output ends below, and its exit code says why
                }
                String expected = WorkerMain.REPLY + request.runId() + " ";
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    int at = line.indexOf(expected);
                    if (at >= 0) {
                        if (at > 0) {
                            logFile.write(line, 0, at); // a partial line a native library left before the answer
                            logFile.write('\n');
                        }
                        try {
                            return OptionalInt.of(Integer.parseInt(line.substring(at + expected.length()).trim()));
                        } catch (NumberFormatException e) {
                            throw new IOException("the worker answered with a line the sweep cannot read: " + line, e);
                        }
                    }
                    if (line.startsWith(WorkerMain.NOTICE)) {
                        line = line.substring(WorkerMain.NOTICE.length());
                        notices.accept(line); // e.g. a checkpoint that was passed over: the console says so too
                    }
                    logFile.write(line);
                    logFile.write('\n');
                    logFile.flush(); // a run's log is readable while it runs, and complete when the worker is killed
                }
                return OptionalInt.empty();
            }
        }

        /** Closes the worker's input: an idle worker ends (exit 0). */
        void close() {
            try {
                requests.close();
            } catch (IOException e) {
                process.destroyForcibly();
            }
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
     * The environment of a worker JVM: {@code OMP_NUM_THREADS} (the intra-op threads of the runs it takes)
     * and the kernel pin (or its absence), which the numeric libraries read when they load.
     */
    static void workerEnvironment(Map<String, String> environment, int threads, Kernels kernels) {
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        kernels.applyTo(environment);
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
        int byOthers;
        final List<String> failures = new ArrayList<>();

        private final RunLabels labels;

        Progress(Store store, int total, RunLabels labels) {
            this.store = store;
            this.total = total;
            this.labels = labels;
        }

        /** A run that another process finished while this sweep waited for it. */
        void finishedElsewhere(SweepPlan.PlannedRun r, RunStatus status) {
            String line;
            synchronized (this) {
                byOthers++;
                int done = completed + diverged + failed + byOthers;
                line = String.format(Locale.ROOT, "[%d/%d] %s %s%s: %s by another process - remaining %d", done, total,
                        r.id(), r.spec().data().dataset() + " ", label(r), status.label(), total - done);
            }
            display.log(line);
        }

        /** A run that left this sweep's hands (its claim was taken over). */
        synchronized void cancelled(SweepPlan.PlannedRun r) {
            inFlight.remove(r.id());
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
                int done = completed + diverged + failed + byOthers;
                int remaining = total - done;
                double elapsed = (System.nanoTime() - start) / 1e9;
                int mine = completed + diverged + failed;
                double eta = mine == 0 ? 0 : elapsed / mine * remaining;
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
                double fraction = p.map(x -> !r.spec().budget().inGradientCalls()
                        ? (double) x.iteration() / Math.max(1, r.iterations())
                        : (double) x.gradientCalls() / r.spec().budget().gradientCalls()).orElse(0.0);
                workers.add(new ProgressView.Worker(r.id().substring(0, 8) + " " + label(r), p, fraction));
            }
            return new ProgressView.Snapshot(total, completed, diverged, failed, (System.nanoTime() - start) / 1e9, workers);
        }

        /** {@code mlp sgd-salr gamma=0.01 seed 1}. */
        private String label(SweepPlan.PlannedRun r) {
            return labels.of(r);
        }
    }
}
