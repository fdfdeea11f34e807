package io.salr.harness.cli;

import io.salr.analysis.tidy.TidyResults;
import io.salr.reports.Report;
import io.salr.harness.sweep.StoreReport;
import io.salr.reports.ReportInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code salr report INPUT --out DIR [--reference METHOD] [--sweep FILE] [--provenance FILE]}: the
 * analysis CSVs, the paper's Tables I, II and VII in Markdown, LaTeX and HTML, the figures as PNG and
 * SVG, and a self-contained {@code DIR/index.html} ({@link Report}).
 *
 * <p>INPUT is a tidy CSV; a directory holding {@code runs/} is a result store and goes through
 * {@link StoreReport}. Bad input (missing file or
 * column, non-numeric value, unknown reference) ends with exit code 2 and a message naming the problem.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a report of tidy results: DIR/summary.csv and DIR/significance.csv (analysis),",
            "DIR/tables.md, .tex and .html (paper Tables I, II, VII), DIR/figures/*.png and *.svg, and a",
            "self-contained DIR/index.html."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "A tidy CSV (study,dataset,model,method,gamma,seed,metric,value[,hyperparameters...]).")
    Path input;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--reference",
            description = "Reference method of the comparisons (default: sgd-salr; name one when it is absent).")
    String reference;

    @Option(names = "--sweep", paramLabel = "FILE", description = "Sweep specification to show in the report.")
    Path sweep;

    @Option(names = "--provenance", paramLabel = "FILE", description = "Provenance record to show in the report.")
    Path provenance;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        ReportInput report = read(input);
        if (reference != null) {
            report = report.withReference(reference);
        }
        if (sweep != null) {
            report = report.withSweepSpec(text("sweep specification", sweep));
        }
        if (provenance != null) {
            report = report.withProvenance(text("provenance", provenance));
        }
        Report.Written written = Report.write(report, out);
        System.out.println("wrote " + written.files().size() + " files; open " + written.index());
        return 0;
    }

    /**
     * Reads the input: a result store when it is a directory holding {@code runs/} (its tidy results,
     * sweep spec, provenance, test-error curves and a SALR trace), else a tidy CSV.
     */
    static ReportInput read(Path input) {
        if (Files.isDirectory(input)) {
            if (Files.isDirectory(input.resolve("runs"))) {
                return StoreReport.of(input);
            }
            throw new IllegalArgumentException("input " + input + " is a directory but not a result store "
                    + "(it has no runs/ folder); pass a tidy CSV or a store");
        }
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input " + input + " does not exist");
        }
        return ReportInput.of(TidyResults.read(input));
    }


    private static String text(String what, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
