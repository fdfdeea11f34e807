package io.salr.harness.cli;

import io.salr.analysis.metric.Metrics;
import io.salr.analysis.published.PublishedTable;
import io.salr.analysis.significance.FamilyScope;
import io.salr.analysis.significance.SignificanceTable;
import io.salr.analysis.tidy.TidyResults;
import io.salr.reports.PublishedReport;
import io.salr.reports.Report;
import io.salr.harness.sweep.StoreReport;
import io.salr.reports.ReportInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code salr report INPUT --out DIR [--reference METHOD] [--family metric|network|study] [--primary METRIC]
 * [--direction METRIC=lower|higher]... [--sweep FILE] [--provenance FILE]}: the analysis CSVs, the paper's Tables
 * I, II and VII in Markdown, LaTeX and HTML, the figures as PNG and SVG, and a self-contained
 * {@code DIR/index.html} ({@link Report}). {@code salr report --summary FILE --out DIR [--reference METHOD]} tests
 * a published table of mean, std and n at face value ({@link PublishedReport}).
 *
 * <p>INPUT is a tidy CSV; a directory holding {@code runs/} is a result store and goes through
 * {@link StoreReport}. Bad input (missing file or column, non-numeric value, an accuracy that is not a fraction,
 * an unknown reference, family or direction) ends with exit code 2 and a message naming the problem; nothing is
 * written.
 */
@Command(name = "report", header = "Write tables, figures, significance tests and an HTML page from results.", mixinStandardHelpOptions = true,
        description = {"Write a report of tidy results: DIR/summary.csv and DIR/significance.csv (analysis),",
            "DIR/tables.md, .tex and .html (paper Tables I, II, VII), DIR/figures/*.png and *.svg, and a",
            "self-contained DIR/index.html. With --summary FILE instead of INPUT: a published table",
            "(dataset,model,method,metric,mean,std,n) tested at face value into DIR/summary-tests.csv and .md."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT", arity = "0..1",
            description = "A tidy CSV (study,dataset,model,method,gamma,seed,metric,value[,hyperparameters...]) or a store.")
    Path input;

    @Option(names = "--summary", paramLabel = "FILE",
            description = "A published table (dataset,model,method,metric,mean,std,n; accuracies as fractions) to test at face value.")
    Path summary;

    @Option(names = "--family", paramLabel = "metric|network|study", defaultValue = "metric",
            description = {"Holm family of the comparisons: metric (the methods of one network and metric, default),",
                "network (every method and result metric of one network), study (one metric over every network)."})
    String family;

    @Option(names = "--primary", paramLabel = "METRIC",
            description = "The metric the page opens with (default: perplexity when present, else test_accuracy when present).")
    String primary;

    @Option(names = "--direction", paramLabel = "METRIC=lower|higher",
            description = "Which way a metric improves, for metrics the analysis does not know (repeatable).")
    List<String> directions = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--reference",
            description = "Reference method of the comparisons (default: sgd-salr; name one when it is absent).")
    String reference;

    @Option(names = "--sweep", paramLabel = "FILE", description = "Sweep specification to show in the report.")
    Path sweep;

    @Option(names = "--provenance", paramLabel = "FILE", description = "Provenance record to show in the report.")
    Path provenance;

    @Option(names = "--run", paramLabel = "ID",
            description = "A store's SALR run for Fig. 3 (right) (default: the median SGD-SALR run by final test accuracy).")
    String run;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Metrics metrics = Metrics.parse(directions);
        FamilyScope scope = FamilyScope.parse(family);
        if (summary != null) {
            if (input != null) {
                throw new IllegalArgumentException("give either INPUT or --summary FILE, not both (got " + input
                        + " and " + summary + ")");
            }
            if (!Files.isRegularFile(summary)) {
                throw new IllegalArgumentException("--summary " + summary + " does not exist");
            }
            List<Path> files = PublishedReport.write(PublishedTable.read(summary),
                    reference == null ? SignificanceTable.DEFAULT_REFERENCE : reference, metrics, out);
            System.out.println("wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
            return 0;
        }
        if (input == null) {
            throw new IllegalArgumentException("INPUT is required (a tidy CSV or a store), or --summary FILE");
        }
        TerminalProgress progress = TerminalProgress.onConsole();
        ReportInput report = read(input, progress);
        if (Files.isDirectory(input)) { // Fig. 3, both panels, from the store's epoch and iteration logs
            report = io.salr.harness.sweep.FigureThreeSource.addTo(report, input, java.util.Optional.ofNullable(run));
        } else if (run != null) {
            throw new io.salr.validation.InvalidParameterException("--run", run, "needs a store as INPUT, not a tidy CSV");
        }
        report = report.withSettings(report.settings().withMetrics(metrics).withFamily(scope));
        if (primary != null) {
            report = report.withPrimaryMetric(primary).withSettings(report.settings().withPrimary(primary));
        }
        if (reference != null) {
            report = report.withReference(reference);
        }
        if (sweep != null) {
            report = report.withSweepSpec(text("sweep specification", sweep));
        }
        if (provenance != null) {
            report = report.withProvenance(text("provenance", provenance));
        }
        Report.Written written;
        try {
            written = Report.write(report, out, progress::at);
        } finally {
            progress.done();
        }
        System.out.println("wrote " + written.files().size() + " files; open " + written.index());
        return 0;
    }

    /**
     * Reads the input: a result store when it is a directory holding {@code runs/} (its tidy results,
     * sweep spec, provenance, test-error curves and a SALR trace), else a tidy CSV.
     */
    static ReportInput read(Path input) {
        return read(input, TerminalProgress.NONE);
    }

    static ReportInput read(Path input, TerminalProgress progress) {
        TidyInput.check("input", input);
        if (Files.isDirectory(input)) {
            progress.at("reading the store", 0, 0);
            if (!Files.isDirectory(input.resolve("runs"))) {
                throw TidyInput.noFinishedRuns("input", input);
            }
            try {
                return StoreReport.of(input);
            } catch (StoreReport.NoFinishedRuns e) {
                throw TidyInput.noFinishedRuns("input", input);
            }
        }
        return ReportInput.of(TidyResults.read(input, (rows, fraction) -> progress.at(String.format(java.util.Locale.ROOT,
                "reading %s: %,d rows", input.getFileName(), rows), (int) Math.round(fraction * 100), 100)));
    }

    /**
     * One line on standard error, rewritten in place, saying what the report is doing (reading, with rows and the
     * part of the file read; analysis; tables; figure k of n); only on a terminal, so logs and pipes stay clean.
     */
    static class TerminalProgress {
        static final TerminalProgress NONE = new TerminalProgress(null);

        private final java.io.PrintStream err;
        private final long start = System.nanoTime();
        private int width;

        TerminalProgress(java.io.PrintStream err) {
            this.err = err;
        }

        static TerminalProgress onConsole() {
            return System.console() != null ? new TerminalProgress(System.err) : NONE;
        }

        void at(String stage, int done, int total) {
            if (err == null) {
                return;
            }
            String line = String.format(java.util.Locale.ROOT, "report: %s%s (%.0f s)", stage,
                    total > 0 ? (stage.startsWith("reading") ? String.format(java.util.Locale.ROOT, " (%d%%)", done)
                            : " " + done + "/" + total) : "", (System.nanoTime() - start) / 1e9);
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            err.flush();
        }

        void done() {
            if (err != null && width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
    }


    private static String text(String what, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
