package io.salr.harness.cli;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.gate.Gate;
import io.salr.analysis.gate.GateMarkdown;
import io.salr.analysis.gate.GateResult;
import io.salr.analysis.gate.GateSettings;
import io.salr.analysis.io.AtomicFiles;
import io.salr.analysis.tidy.TidyResults;
import io.salr.harness.sweep.Export;
import io.salr.harness.sweep.Store;
import io.salr.validation.InvalidParameterException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code salr gate}: a one-sided non-inferiority test of a candidate's per-seed results against a
 * baseline's, per configuration ({@link Gate}); the Markdown verdict table goes to standard output and to
 * {@code --out}. Exit codes: 0 all pass, 1 some configuration fails, 3 none fails but some is inconclusive
 * (or missing from the candidate), 2 bad input.
 */
@Command(name = "gate", header = "Decide whether a candidate's results are no worse than a baseline's (the CI regression gate).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regression gate: is the candidate no worse than the baseline by more than the margin?",
            "For each (dataset, model, method) in both inputs (gamma and varied hyperparameters included), one-sided",
            "(1 - alpha) bounds of the improvement (candidate - baseline; baseline - candidate for losses): paired t",
            "on the seeds both sides share (seeds on one side only are listed as findings), Welch when fewer than 2",
            "are shared. PASS: lower bound > -margin; FAIL: upper bound < -margin; INCONCLUSIVE otherwise. A candidate",
            "seed that failed (diverged, collapsed) where the baseline's did not is a FAIL. Accuracies must be fractions.",
            "Exit code: 0 all pass, 1 some fail, 3 none fail but some inconclusive or missing, 2 bad input."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every configuration passes", "1:some configuration fails",
            "2:bad input (the message names the field and the value)",
            "3:none fails, but some is inconclusive or missing from the candidate"})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "B",
            description = "The baseline: a results store (a folder with sweep.yaml) or a tidy CSV, e.g. ci/baselines/ci.csv.")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "C", description = "The candidate: a results store or a tidy CSV.")
    Path candidate;

    @Option(names = "--metric", defaultValue = GateSettings.DEFAULT_METRIC,
            description = "The metric compared (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--margin", defaultValue = "0.5",
            description = {"Non-inferiority margin, >= 0, in the metric's displayed unit: PERCENTAGE POINTS for accuracies",
                "(stored as fractions: 0.5 means 0.005), the metric's own units otherwise (default: ${DEFAULT-VALUE})."})
    double margin;

    @Option(names = "--alpha", defaultValue = "0.05",
            description = {"One-sided error rate in (0, 0.5); the bounds are one-sided (1 - alpha) bounds (default: ${DEFAULT-VALUE};",
                "0.025 is the regulatory convention for non-inferiority, the one-sided half of a two-sided 95%% interval)."})
    double alpha;

    @Option(names = "--direction", paramLabel = "higher|lower",
            description = "Which way the metric improves; implied for names ending in accuracy (higher), loss or error (lower).")
    String direction;

    @Option(names = "--out", defaultValue = "gate.md", paramLabel = "FILE",
            description = "Where the verdict table is written as well (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter log = commandSpec.commandLine().getOut();
        GateSettings settings = direction == null ? GateSettings.of(metric, margin, alpha)
                : new GateSettings(metric, margin, alpha, Direction.parse(direction));
        TidyResults b = read("baseline", baseline, log);
        TidyResults c = read("candidate", candidate, log);
        GateResult result = Gate.compare(b, baseline.toString(), c, candidate.toString(), settings);
        String table = new GateMarkdown().render(result);
        AtomicFiles.writeString(out, table);
        log.print(table);
        log.println();
        log.println("gate: " + result.overall() + " (exit " + result.overall().exitCode() + "); table written to " + out);
        log.flush();
        return result.overall().exitCode();
    }

    /** A results store (its export) or a tidy CSV. */
    static TidyResults read(String role, Path input, PrintWriter log) {
        TidyInput.check(role, input);
        if (Files.isDirectory(input)) {
            Store.Opened o = Store.open(input);
            Export.Exported e = Export.of(o.store(), o.plan());
            if (!e.failed().isEmpty()) {
                log.println("warning: " + role + " store " + input + ": " + e.failed().size() + " failed run(s) left out: "
                        + String.join(", ", e.failed()));
            }
            if (!e.incomplete().isEmpty()) {
                log.println("warning: " + role + " store " + input + ": " + e.incomplete().size()
                        + " run(s) not complete, left out");
            }
            if (e.rows().isEmpty()) {
                throw TidyInput.noFinishedRuns(role, input);
            }
            return e.tidy();
        }
        return TidyResults.read(input);
    }
}
