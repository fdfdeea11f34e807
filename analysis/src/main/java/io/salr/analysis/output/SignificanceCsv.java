package io.salr.analysis.output;

import io.salr.analysis.significance.SignificanceRow;
import io.salr.analysis.significance.SignificanceTable;
import java.io.IOException;
import java.util.List;

/**
 * {@code significance.csv}: the columns {@code dataset,model,metric,method,reference,n,mean,std,
 * reference_mean,reference_std,delta,ci_low,ci_high,welch_p,mwu_p,holm_p,hedges_g,a12} followed by a
 * {@code note} column. An empty cell is a statistic that could not be computed, and {@code note} names
 * the reason and the cells (e.g. {@code n too small: std, ci_low, ci_high, welch_p, holm_p}).
 */
public final class SignificanceCsv implements OutputFormat<SignificanceTable> {

    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("dataset", "model", "metric", "method", "reference", "n",
            "mean", "std", "reference_mean", "reference_std", "delta", "ci_low", "ci_high", "welch_p", "mwu_p",
            "holm_p", "hedges_g", "a12", "note");

    @Override
    public String fileName() {
        return "significance.csv";
    }

    @Override
    public void write(SignificanceTable table, Appendable out) throws IOException {
        Csv.line(out, COLUMNS);
        for (SignificanceRow r : table.rows()) {
            Csv.line(out, List.of(r.dataset(), r.model(), r.metric(), r.method(), r.reference(),
                    Integer.toString(r.n()), Numbers.format(r.mean()), Numbers.format(r.std()),
                    Numbers.format(r.referenceMean()), Numbers.format(r.referenceStd()), Numbers.format(r.delta()),
                    Numbers.format(r.ciLow()), Numbers.format(r.ciHigh()), Numbers.format(r.welchP()),
                    Numbers.format(r.mwuP()), Numbers.format(r.holmP()), Numbers.format(r.hedgesG()),
                    Numbers.format(r.a12()), String.join("; ", r.notes())));
        }
    }
}
