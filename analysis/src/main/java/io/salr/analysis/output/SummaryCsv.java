package io.salr.analysis.output;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.aggregate.Summary;
import io.salr.analysis.aggregate.SummaryRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: columns {@code dataset,model,method,gamma}, then the extra hyperparameter columns
 * in input order, then {@code metric,n,mean,std,median,iqm,iqm_ci_low,iqm_ci_high,min,max,diverged,
 * mde_d,mde,note}. A hyperparameter column with one of these names is rejected. Empty cells are statistics that could not be computed; {@code note} says why.
 */
public final class SummaryCsv implements OutputFormat<Summary> {

    /** The statistic columns after the key columns. */
    public static final List<String> STAT_COLUMNS = List.of("metric", "n", "mean", "std", "median", "iqm",
            "iqm_ci_low", "iqm_ci_high", "min", "max", "diverged", "mde_d", "mde", "note");

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
            fields.addAll(List.of(row.metric(), Integer.toString(row.n()), Numbers.format(row.mean()),
                    Numbers.format(row.std()), Numbers.format(row.median()), Numbers.format(row.iqm()),
                    Numbers.format(row.iqmCiLow()), Numbers.format(row.iqmCiHigh()), Numbers.format(row.min()),
                    Numbers.format(row.max()), Integer.toString(row.diverged()),
                    Numbers.format(row.mdeStandardized()), Numbers.format(row.mde()), String.join("; ", row.notes())));
            Csv.line(out, fields);
        }
    }
}
