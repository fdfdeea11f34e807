package io.salr.analysis.published;

import io.salr.analysis.compare.Comparison;
import io.salr.analysis.output.Csv;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.output.OutputFormat;
import java.io.IOException;
import java.util.List;

/**
 * {@code summary-tests.csv}: one row per published method against the reference, with the columns
 * {@code dataset,model,metric,direction,method,reference,n,mean,std,reference_n,reference_mean,reference_std,
 * delta,better,ci_low,ci_high,ci,welch_p,holm_p,verdict,hedges_g,mde_d,mde,note}; {@code ci} names the
 * interval and its coverage, {@code holm_p} is adjusted over the methods of one network and metric.
 */
public final class PublishedCsv implements OutputFormat<PublishedComparisons> {

    /** The header. */
    public static final List<String> COLUMNS = List.of("dataset", "model", "metric", "direction", "method", "reference",
            "n", "mean", "std", "reference_n", "reference_mean", "reference_std", "delta", "better", "ci_low", "ci_high",
            "ci", "welch_p", "holm_p", "verdict", "hedges_g", "mde_d", "mde", "note");

    @Override
    public String fileName() {
        return "summary-tests.csv";
    }

    @Override
    public void write(PublishedComparisons result, Appendable out) throws IOException {
        Csv.line(out, COLUMNS);
        for (PublishedComparisons.Row r : result.rows()) {
            Comparison c = r.comparison();
            Csv.line(out, List.of(r.method().dataset(), r.method().model(), r.method().metric(),
                    c.direction().map(d -> d.word()).orElse(""), r.method().method(), result.reference(),
                    Integer.toString(c.n()), Numbers.format(c.mean()), Numbers.format(c.std()),
                    Integer.toString(c.referenceN()), Numbers.format(c.referenceMean()), Numbers.format(c.referenceStd()),
                    Numbers.format(c.delta()), Numbers.format(c.better()),
                    c.interval().map(i -> Numbers.format(i.low())).orElse(""),
                    c.interval().map(i -> Numbers.format(i.high())).orElse(""),
                    c.interval().map(i -> i.method() + " " + Numbers.format(100 * i.coverage()) + "%").orElse(""),
                    Numbers.format(c.welchP()), Numbers.format(c.adjustedP()),
                    c.verdict().describe(c.hypothesis().kind()), Numbers.format(c.hedgesG()),
                    Numbers.format(c.mdeStandardized()), Numbers.format(c.mde()), String.join("; ", c.notes())));
        }
    }
}
