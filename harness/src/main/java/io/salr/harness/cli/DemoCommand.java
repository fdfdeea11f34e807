package io.salr.harness.cli;

import io.salr.datasets.synthetic.SharpnessProfile;
import io.salr.datasets.synthetic.Sin3;
import io.salr.harness.sweep.Export;
import io.salr.harness.sweep.ProgressMode;
import io.salr.harness.sweep.StoreReport;
import io.salr.harness.sweep.SweepRunner;
import io.salr.reports.Report;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.reports.ReportInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr demo}: the {@code quick} preset (a budget-matched comparison on a Fashion-MNIST subset) into a
 * store, its tidy export, and the report (analysis against sgd-salr, tables, figures, index.html). A second
 * demo reuses the completed runs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the 'quick' preset (budget-matched methods on a Fashion-MNIST subset, 3 seeds),",
            "export results.csv and write the report (analysis, paper tables, figures, index.html) to STORE/report."})
final class DemoCommand implements Callable<Integer> {

    /** The reference method of the demo's comparisons. */
    static final String REFERENCE = "sgd-salr";

    @Option(names = "--store", defaultValue = "salr-demo", paramLabel = "DIR", description = "The store (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--preset", defaultValue = "quick", description = "The preset to run (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--workers", description = "Runs at once, each in its own JVM with cores / workers threads "
            + "(default: the number of cores, one thread each: the fastest for the demo's small MLP runs).")
    Integer workers;

    @Option(names = "--in-process", description = "Run in this JVM (no worker JVMs).")
    boolean inProcess;

    @Option(names = "--data-dir", description = "Directory holding the dataset files.")
    Path dataDir;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines",
            description = "Progress display: a live bar (bar), plain lines (lines), or the bar on a terminal only (auto, the default).")
    ProgressMode progress;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = commandSpec.commandLine().getOut();
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        SweepCommand.checkWorkers(n, false);
        SpecSource.Loaded l = SpecSource.ofPreset(preset);
        int sweep = SweepCommand.execute(l, store, l.plan().runs(),
                new SweepRunner.Options(n, inProcess, Optional.ofNullable(dataDir), false, out, progress), n);
        Path csv = store.resolve("results.csv");
        Export.Exported e = ExportCommand.export(store, csv, out);
        if (e.rows().isEmpty()) {
            out.println("demo: no results to analyse");
            out.flush();
            return 1;
        }
        Path reportDir = store.resolve("report");
        Report.Written written = writeReport(e, store, reportDir);
        out.println();
        out.println("demo done:");
        out.println("  runs         " + store.resolve("runs"));
        out.println("  tidy results " + csv);
        out.println("  analysis     " + reportDir.resolve("summary.csv") + ", " + reportDir.resolve("significance.csv"));
        out.println("  tables       " + reportDir.resolve("tables.md") + " (also .tex, .html)");
        out.println("  report       " + written.index() + "  <- open this");
        out.flush();
        return sweep;
    }

    /**
     * The report of a demo store ({@link StoreReport}): analysis, tables, figures and index.html, with
     * {@link #REFERENCE} as the reference method when the store has it.
     */
    static Report.Written writeReport(Export.Exported results, Path store, Path reportDir) throws IOException {
        ReportInput input = StoreReport.of(store);
        if (input.reference().isEmpty() && results.rows().stream().anyMatch(r -> r.method().equals(REFERENCE))) {
            input = input.withReference(REFERENCE);
        }
        // Fig. 2: the sharpness measures on f(t) = 0.5 t sin(3t) + 1, with the landscape command's defaults
        SharpnessConfig config = new SharpnessConfig(0.02, 5, 5);
        SharpnessProfile profile = SharpnessProfile.of(new Sin3(), -3, 3, 601, 0.1, config, 0);
        input = input.withFigure(new ReportInput.NamedFigure("landscape",
                "The sharpness measures of Section III on f(t) = 0.5 t sin(3t) + 1 (Fig. 2): phi of eq. (1) and S of "
                        + "eq. (2) over the ball of radius 0.1, S_hat of Definition 1 with gamma = 0.02 and n1 = n2 = 5. "
                        + "phi vanishes at the local maximizers of f; S and S_hat do not.",
                LandscapeCommand.figure(profile, "sin3", 0.1, config)));
        System.setProperty("java.awt.headless", "true");
        return Report.write(input, reportDir);
    }
}
