package io.salr.harness.cli;

import io.salr.harness.run.Kernels;
import io.salr.harness.sweep.ProgressMode;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepRunner;
import io.salr.harness.sweep.TuningWidening;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr sweep}: runs every run of a sweep that is not complete in the store, resuming interrupted
 * ones (and runs that failed for a reason of the machine), skipping finished ones. Several sweeps may share a
 * store: each run is claimed before it starts ({@link io.salr.harness.sweep.RunClaims}). Exit 1 when some run
 * failed or diverged now, or a failed run remains in the plan; exit 2, before anything is written, when the
 * spec or an option is bad or the data of some dataset of the sweep cannot be found.
 */
@Command(name = "sweep", header = "Run every unfinished run of a sweep spec into a results store.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep into a results store: every run not complete yet; interrupted runs resume from their checkpoints.",
            "Runs that failed for a reason of the machine (killed worker, I/O, out of memory) resume too; runs that failed",
            "deterministically are rerun only with --retry-failed. Several sweeps (or Slurm tasks) may share one store:",
            "each run is claimed, and a claim whose heartbeat is silent longer than --claim-timeout is taken over.",
            "Exit code 1 when some run failed or diverged now, or failed runs remain (they are listed)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every run of the plan is complete, and none failed or diverged now",
            "1:some run failed or diverged now, or failed runs remain in the store, or worker JVMs could not be started",
            "2:bad input (the message names the field and the value); nothing was written",
            "4:out of memory",
            "130/143:stopped by SIGINT/SIGTERM (the workers were stopped too)"})
final class SweepCommand implements Callable<Integer> {

    @Mixin
    SpecSource source;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The results store (created when absent).")
    Path store;

    @Option(names = "--workers", defaultValue = "1",
            description = "Worker JVMs, each running one run at a time with the intra-op threads its spec asks for (1 for the MLP, 2 for the others); at most the number of cores unless --oversubscribe (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--oversubscribe", description = "Allow more --workers than cores.")
    boolean oversubscribe;

    @Option(names = "--claim-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = {"How long a run claimed by another sweep may go without a heartbeat before this sweep takes it over",
                "(default: ${DEFAULT-VALUE}; a claim whose processes ran on this machine and are gone is taken over at once)."})
    double claimTimeout;

    @Option(names = "--stop-grace", defaultValue = "20", paramLabel = "SECONDS",
            description = "On SIGTERM or SIGINT: how long the workers get to write a checkpoint and end before they are killed (default: ${DEFAULT-VALUE}).")
    double stopGrace;

    @Option(names = "--in-process", description = "Run in this JVM, one run after another (no worker JVMs).")
    boolean inProcess;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (1 <= i <= n): the runs, sorted by id, whose position mod n is i-1.")
    String shard;

    @Mixin
    DataDirOption data;

    @Option(names = "--retry-failed", description = "Rerun runs recorded as failed (their folders move to STORE/failed/).")
    boolean retryFailed;

    @Option(names = "--widen-tuning", description = "A tuned study only: accept a preset whose tuning grid grew since the"
            + " store's tuning stage started (more values or seeds; every finished tuning run is kept), as long as the final"
            + " stage has not started; the change is logged in STORE/tuning/changes.log.")
    boolean widenTuning;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines",
            description = "Progress display: 'bar' keeps a live bar of the sweep and of each running worker (epoch, loss) below"
                + " the log lines, 'lines' prints only one line per finished run, 'auto' (default) draws the bar when"
                + " standard output is a terminal.")
    ProgressMode progress;

    @Option(names = "--kernels", defaultValue = "pinned", paramLabel = "pinned|native",
            description = "CPU kernels of the worker JVMs: 'pinned' (default) caps BLAS, oneDNN and LibTorch at the AVX2"
                + " family so results are bit-identical on AVX2-only and AVX-512 machines; 'native' lets them choose"
                + " (recorded in each run's provenance).")
    String kernels;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        checkWorkers(workers, oversubscribe);
        Duration timeout = seconds("claim-timeout", claimTimeout, false);
        Duration grace = seconds("stop-grace", stopGrace, true);
        SpecSource.Loaded l = source.load();
        if (widenTuning) {
            if (l.tuned().isEmpty()) {
                throw new InvalidParameterException("widen-tuning", true, "applies to a tuned study (a spec with a tuning:"
                        + " section) only");
            }
            TuningWidening.apply(l.tuned().get(), store, Clock.systemUTC())
                    .ifPresent(line -> commandSpec.commandLine().getOut().println("study: " + line));
        }
        return execute(l, store, selection(l.plan(), shard), new SweepRunner.Options(workers, inProcess,
                data.get(), retryFailed, commandSpec.commandLine().getOut(), progress)
                .withKernels(Kernels.parse("kernels", kernels)).withClaimTimeout(timeout).withStopGrace(grace), workers);
    }

    /**
     * Refuses fewer than one worker, and more workers than cores unless {@code oversubscribe}: each worker is a
     * JVM, and a sweep of {@code --workers 99999} would start JVMs until the machine gives out.
     */
    static void checkWorkers(int workers, boolean oversubscribe) {
        if (workers < 1) {
            throw new InvalidParameterException("workers", workers, "must be >= 1");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (workers > cores && !oversubscribe) {
            throw new InvalidParameterException("workers", workers, "exceeds the " + cores + " cores of this machine"
                    + " (each worker is a JVM); use at most " + cores + ", or pass --oversubscribe");
        }
    }

    static Duration seconds(String field, double value, boolean zeroAllowed) {
        if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0) || value > 7 * 24 * 3600) {
            throw new InvalidParameterException(field, value, zeroAllowed ? "must be seconds in [0, 604800]"
                    : "must be seconds in (0, 604800]");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    static List<SweepPlan.PlannedRun> selection(SweepPlan plan, String shard) {
        if (shard == null) {
            return plan.runs();
        }
        String[] parts = shard.split("/", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return plan.shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("shard", shard, "must be i/n with integers 1 <= i <= n");
        }
    }

    static int execute(SpecSource.Loaded l, Path storeDir, List<SweepPlan.PlannedRun> runs, SweepRunner.Options options,
            int workers) {
        if (workers < 1) {
            throw new InvalidParameterException("workers", workers, "must be >= 1");
        }
        PrintWriter out = options.progress();
        SweepRunner.Outcome o;
        if (l.tuned().isPresent()) {
            o = l.tuned().get().run(storeDir, options, out);
        } else {
            SweepRunner.requireData(runs, options.dataDir());
            SweepRunner.requireDevices(runs);
            Store s = new Store(storeDir);
            s.prepare(l.plan(), l.text());
            o = SweepRunner.run(s, runs, options);
        }
        StringBuilder extra = new StringBuilder();
        if (o.resumed() > 0) {
            extra.append(String.format(Locale.ROOT, " (%d resumed after a failure of the machine)", o.resumed()));
        }
        if (o.byOthers() > 0) {
            extra.append(String.format(Locale.ROOT, ", %d finished by other processes", o.byOthers()));
        }
        out.printf(Locale.ROOT, "sweep %s: %d runs, %d already complete, %d completed now%s, %d diverged, %d failed, %d failed before;"
                + " store %s%n", o.study(), o.planned(), o.skipped(), o.completed(), extra, o.diverged(), o.failed(),
                o.failedRemaining().size(), storeDir);
        for (String f : o.failures()) {
            out.println("  " + f);
        }
        if (!o.failedRemaining().isEmpty()) {
            out.printf(Locale.ROOT, "%d failed run(s) remain (rerun them with --retry-failed; their folders move to %s):%n",
                    o.failedRemaining().size(), storeDir.resolve("failed"));
            for (String f : o.failedRemaining()) {
                out.println("  " + f);
            }
        }
        out.flush();
        return o.ok() ? 0 : 1;
    }
}
