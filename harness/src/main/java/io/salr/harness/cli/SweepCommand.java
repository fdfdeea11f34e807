package io.salr.harness.cli;

import io.salr.harness.run.Kernels;
import io.salr.harness.sweep.ProgressMode;
import io.salr.harness.sweep.Store;
import io.salr.harness.sweep.SweepPlan;
import io.salr.harness.sweep.SweepRunner;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr sweep}: runs every run of a sweep that is not complete in the store, resuming interrupted
 * ones, skipping finished ones. Exit 1 when some run failed or diverged; exit 2, before anything is
 * written, when the spec is bad or the data of some dataset of the sweep cannot be found.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep into a results store: every run not complete yet; interrupted runs resume from their checkpoints.",
            "Exit code 1 when some run failed or diverged (they are recorded; the sweep goes on)."})
final class SweepCommand implements Callable<Integer> {

    @Mixin
    SpecSource source;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The results store (created when absent).")
    Path store;

    @Option(names = "--workers", defaultValue = "1", description = "Runs at once, each in its own JVM (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--in-process", description = "Run in this JVM, one run after another (no worker JVMs).")
    boolean inProcess;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (1 <= i <= n): the runs, sorted by id, whose position mod n is i-1.")
    String shard;

    @Option(names = "--data-dir", description = "Directory holding the dataset files.")
    Path dataDir;

    @Option(names = "--retry-failed", description = "Rerun runs recorded as failed (their folders move to STORE/failed/).")
    boolean retryFailed;

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
        SpecSource.Loaded l = source.load();
        return execute(l, store, selection(l.plan(), shard), new SweepRunner.Options(workers, inProcess,
                Optional.ofNullable(dataDir), retryFailed, commandSpec.commandLine().getOut(), progress)
                .withKernels(Kernels.parse("kernels", kernels)), workers);
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
            Store s = new Store(storeDir);
            s.prepare(l.plan(), l.text());
            o = SweepRunner.run(s, runs, options);
        }
        out.printf("sweep %s: %d runs, %d already complete, %d completed now, %d diverged, %d failed; store %s%n",
                l.spec().study(), o.planned(), o.skipped(), o.completed(), o.diverged(), o.failed(), storeDir);
        for (String f : o.failures()) {
            out.println("  " + f);
        }
        out.flush();
        return o.ok() ? 0 : 1;
    }
}
