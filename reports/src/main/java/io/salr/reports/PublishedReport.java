package io.salr.reports;

import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Interval;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.published.PublishedComparisons;
import io.salr.analysis.published.PublishedCsv;
import io.salr.analysis.published.PublishedTable;
import io.salr.analysis.io.AtomicFiles;
import io.salr.reports.format.Escape;
import io.salr.reports.format.Rounding;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code salr report --summary FILE}: what a published table supports at face value. Writes
 * {@code summary-tests.csv} ({@link PublishedCsv}) and {@code summary-tests.md}, a readable table with the
 * improvement of each method over the reference, its Welch interval, the Holm-adjusted p-value, the verdict and
 * the minimum detectable effect. Everything is computed before anything is written.
 */
public final class PublishedReport {

    private PublishedReport() {
    }

    /** Writes both files and returns their paths. */
    public static List<Path> write(PublishedTable table, String reference, Metrics metrics, Path outDir) {
        PublishedComparisons result = PublishedComparisons.of(table, reference, metrics);
        String markdown = markdown(result);
        Path csv = new PublishedCsv().writeTo(outDir, result);
        Path md = outDir.resolve("summary-tests.md");
        AtomicFiles.writeString(md, markdown);
        return List.of(csv, md);
    }

    static String markdown(PublishedComparisons result) {
        StringBuilder out = new StringBuilder();
        out.append("### A published table at face value, against ").append(Escape.markdown(result.reference()))
                .append("\n\nFrom the printed mean, standard deviation and n alone: Welch's t-test and its interval ")
                .append("(the runs are not available, so nothing about their distribution is checked), Holm over the ")
                .append("methods of each network and metric. Improvement is signed by the metric's direction; ")
                .append("accuracies in percentage points.\n\n")
                .append("| Network | Metric | Method | n | Improvement [interval] | Holm p | Verdict | Hedges g | MDE (80% power) |\n")
                .append("|:---|:---|:---|---:|---:|---:|:---|---:|---:|\n");
        for (PublishedComparisons.Row r : result.rows()) {
            Comparison c = r.comparison();
            String metric = r.method().metric();
            double scale = Metrics.isFraction(metric) ? 100 : 1;
            int d = Rounding.decimals(c.interval().map(Interval::halfWidth).orElse(0.0) * scale,
                    r.reference().mean() * scale);
            String improvement = c.better().isPresent() ? Rounding.signed(c.better().getAsDouble() * scale, d)
                    + c.betterInterval().map(i -> " [" + Rounding.fixed(i.low() * scale, d) + ", "
                    + Rounding.fixed(i.high() * scale, d) + "]").orElse("") : "";
            out.append("| ").append(Escape.markdown(r.method().dataset() + " / " + r.method().model())).append(" | ")
                    .append(Escape.markdown(metric)).append(" | ").append(Escape.markdown(r.method().method()))
                    .append(" | ").append(c.n()).append(" vs ").append(c.referenceN()).append(" | ").append(improvement)
                    .append(" | ").append(c.adjustedP().isPresent() ? Escape.markdown(Rounding.p(c.adjustedP().getAsDouble())) : "")
                    .append(" | ").append(c.verdict().describe(c.hypothesis().kind())).append(" | ")
                    .append(c.hedgesG().isPresent() ? Rounding.fixed(c.hedgesG().getAsDouble(), 1) : "").append(" | ")
                    .append(c.mde().isPresent() ? Rounding.fixed(c.mde().getAsDouble() * scale, d) : "").append(" |\n");
        }
        return out.toString();
    }
}
