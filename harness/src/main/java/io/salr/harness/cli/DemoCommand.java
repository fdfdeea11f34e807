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
import java.util.concurrent.Callable;
import io.salr.analysis.claims.ClaimSet;
import io.salr.analysis.claims.ClaimVerdict;
import io.salr.analysis.claims.Claims;
import io.salr.harness.sweep.Presets;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr demo}: a small-scale check of the paper's claims. The {@code demo} preset (SGD, SGD-SALR and SAM,
 * budget-matched in gradient calls on a Fashion-MNIST subset, SGD-SALR taking about 300 iterations) into a store,
 * its tidy export, the claims of {@code ci/claims/salr-tnnls-2023.yaml} tested on it, and the report that opens
 * with them (then analysis against sgd, tables, figures, index.html). A second demo reuses the completed runs.
 */
@Command(name = "demo", header = "Run a small check of the paper's claims end to end and write its report.", mixinStandardHelpOptions = true,
        description = {"A small-scale check of the paper's claims: run the 'demo' preset (SGD, SGD-SALR, SAM at equal",
            "gradient calls on a Fashion-MNIST subset, 3 seeds), export results.csv, test the claims and write the",
            "report opening with them (claims.csv, claims.md, analysis, paper tables, figures, index.html) to STORE/report."})
final class DemoCommand implements Callable<Integer> {

    /** The reference method of the demo's comparisons when its spec names none. */
    static final String REFERENCE = "sgd";

    @Option(names = "--store", defaultValue = "salr-demo", paramLabel = "DIR", description = "The store (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--preset", defaultValue = "demo", completionCandidates = PresetNames.class,
            description = "The preset to run (default: ${DEFAULT-VALUE}); one of ${COMPLETION-CANDIDATES}.")
    String preset;

    @Option(names = "--workers", description = "Worker JVMs running at once, each run with the threads its spec asks for "
            + "(default: the number of cores; the demo's MLP runs take one thread each).")
    Integer workers;

    @Option(names = "--in-process", description = "Run in this JVM (no worker JVMs).")
    boolean inProcess;

    @Mixin
    DataDirOption data;

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
                new SweepRunner.Options(n, inProcess, data.get(), false, out, progress), n);
        Path csv = store.resolve("results.csv");
        Export.Exported e = ExportCommand.export(store, csv, out);
        if (e.rows().isEmpty()) {
            out.println("demo: no results to analyse");
            out.flush();
            return 1;
        }
        Path reportDir = store.resolve("report");
        Report.Written written = writeReport(e, store, reportDir, out);
        out.println();
        out.println("demo done:");
        out.println("  claims       " + reportDir.resolve("claims.md") + ", " + reportDir.resolve("claims.csv"));
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
    static Report.Written writeReport(Export.Exported results, Path store, Path reportDir, PrintWriter out) throws IOException {
        ReportInput input = StoreReport.of(store);
        if (input.reference().isEmpty() && results.rows().stream().anyMatch(r -> r.method().equals(REFERENCE))) {
            input = input.withReference(REFERENCE);
        }
        ClaimSet claims = ClaimSet.read(Presets.defaultClaims());
        List<ClaimVerdict> verdicts = Claims.evaluate(claims, input.results(), StoreReport.salrSeries(store));
        String scope = "A small-scale check, not the paper's scale. " + ClaimsCommand.scope(input.results(), List.of(store));
        Files.createDirectories(reportDir);
        ClaimsCommand.writeClaims(reportDir, claims, scope, verdicts);
        input = input.withClaims(claims.paper(), scope, verdicts);
        out.println();
        out.println("Claims of " + claims.paper() + " on this demo (" + scope + "):");
        for (ClaimVerdict v : verdicts) {
            out.println("  " + v.claim().id() + ": " + v.summary());
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
