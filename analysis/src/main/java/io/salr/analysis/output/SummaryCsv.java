package io.salr.analysis.output;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.aggregate.Summary;
import io.salr.analysis.aggregate.SummaryRow;
import io.salr.analysis.tidy.OutcomeFlag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: columns {@code dataset,model,method,gamma}, then the extra hyperparameter columns in
 * input order, then {@code metric,direction,n}, one {@code n_FLAG} column per outcome flag ({@code n_diverged,
 * n_collapsed}), then {@code mean,std,ci_low,ci_high,median,iqm,min,max,mde_d,mde,note}. {@code n} counts the
 * finished runs (the samples); failed runs are counted in their flag's column only. {@code ci_low, ci_high} is
 * the Student t 95% interval of the mean. A hyperparameter column with one of these names is rejected. Empty
 * cells are statistics that could not be computed; {@code note} says why.
 */
public final class SummaryCsv implements OutputFormat<Summary> {

    /** The statistic columns after the key columns. */
    public static final List<String> STAT_COLUMNS = statColumns();

    private static List<String> statColumns() {
        List<String> c = new ArrayList<>(List.of("metric", "direction", "n"));
        for (OutcomeFlag f : OutcomeFlag.values()) {
            c.add("n_" + f.metric());
        }
        c.addAll(List.of("mean", "std", "ci_low", "ci_high", "median", "iqm", "min", "max", "mde_d", "mde", "note"));
        return List.copyOf(c);
    }

    @Override
    public String fileName() {
        return "summary.csv";
    }

    @Override
    public void write(Summary summary, Appendable out) throws IOException {
        List<String> header = new ArrayList<>(List.of("dataset", "model", "method", "gamma"));
        for (String name : summary.hyperparameterColumns()) {
            if (header.contains(name) || STAT_COLUMNS.contains(name)) {
                throw new IllegalArgumentException("hyperparameter column '" + name
                        + "' has the name of a summary.csv column; rename it in the tidy input");
            }
            header.add(name);
        }
        header.addAll(STAT_COLUMNS);
        Csv.line(out, header);
        for (SummaryRow row : summary.rows()) {
            Configuration c = row.configuration();
            List<String> fields = new ArrayList<>(List.of(c.dataset(), c.model(), c.method(),
                    Configuration.gammaText(c.gamma())));
            for (String name : summary.hyperparameterColumns()) {
                fields.add(c.hyperparameters().get(name));
            }
            fields.add(row.metric());
            fields.add(row.direction().map(d -> d.word()).orElse(""));
            fields.add(Integer.toString(row.n()));
            for (OutcomeFlag f : OutcomeFlag.values()) {
                fields.add(Integer.toString(row.failed().get(f)));
            }
            fields.addAll(List.of(Numbers.format(row.mean()), Numbers.format(row.std()), Numbers.format(row.ciLow()),
                    Numbers.format(row.ciHigh()), Numbers.format(row.median()), Numbers.format(row.iqm()),
                    Numbers.format(row.min()), Numbers.format(row.max()), Numbers.format(row.mdeStandardized()),
                    Numbers.format(row.mde()), String.join("; ", row.notes())));
            Csv.line(out, fields);
        }
    }
}
