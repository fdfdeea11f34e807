package io.salr.analysis.output;

import io.salr.analysis.format.Numbers;
import io.salr.analysis.compare.Comparison;
import io.salr.analysis.significance.SignificanceRow;
import io.salr.analysis.significance.SignificanceTable;
import io.salr.analysis.tidy.OutcomeFlag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code significance.csv}, one row per method against the reference on one dataset, model and metric:
 * <ul>
 *   <li>{@code dataset,model,metric,direction,method,reference,family,family_size}: what is compared, which way
 *       the metric improves, and the Holm family (and its size m) the row's p-value is adjusted in;</li>
 *   <li>{@code n}, one {@code n_FLAG} per outcome flag ({@code n_diverged,n_collapsed}), {@code mean,std}; the same
 *       for the reference ({@code reference_n, reference_n_diverged, ...}): n counts finished runs only;</li>
 *   <li>{@code delta} (method - reference), {@code better} (the improvement, signed by the direction),
 *       {@code ci_low,ci_high} (the Welch t interval of delta over finished runs, coverage in {@code ci}),
 *       {@code p} (the primary test's p-value, from the test named in {@code test}: the exact Mann-Whitney test
 *       over every run with failed runs ranked worst), {@code welch_p} (finished runs), {@code holm_p} (p adjusted
 *       in the family), {@code verdict} ({@code better}, {@code worse}, {@code inconclusive}, {@code not tested}:
 *       the words of claims.csv);</li>
 *   <li>effect sizes: {@code hedges_g}, {@code a12} (both method against reference, finished runs) and
 *       {@code p_better} (probability of improvement over all runs, failures worst);</li>
 *   <li>rank tests: {@code mwu_p} (finished runs), {@code mwu_min_p} (the smallest p the exact test can give at
 *       these n), {@code rank_p} (all runs, failures ranked worst), {@code wilcoxon_p} and {@code pairs} (paired
 *       on shared seeds);</li>
 *   <li>{@code mde_d, mde}: the shift the primary test detects with 80% power at alpha 0.05 at these n
 *       ({@code Compare.minimumDetectable}), in pooled standard deviations and in the metric's units; then
 *       {@code note}.</li>
 * </ul>
 * An empty cell is a statistic that could not be computed, and {@code note} names the reason.
 */
public final class SignificanceCsv implements OutputFormat<SignificanceTable> {

    /** The header, in order. */
    public static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("dataset", "model", "metric", "direction", "method", "reference",
                "family", "family_size", "n"));
        for (OutcomeFlag f : OutcomeFlag.values()) {
            c.add("n_" + f.metric());
        }
        c.addAll(List.of("mean", "std", "reference_n"));
        for (OutcomeFlag f : OutcomeFlag.values()) {
            c.add("reference_n_" + f.metric());
        }
        c.addAll(List.of("reference_mean", "reference_std", "delta", "better", "ci_low", "ci_high", "ci", "test",
                "p", "welch_p", "holm_p", "verdict", "hedges_g", "a12", "p_better", "mwu_p", "mwu_min_p", "rank_p",
                "wilcoxon_p", "pairs", "mde_d", "mde", "note"));
        return List.copyOf(c);
    }

    @Override
    public String fileName() {
        return "significance.csv";
    }

    @Override
    public void write(SignificanceTable table, Appendable out) throws IOException {
        Csv.line(out, COLUMNS);
        for (SignificanceRow r : table.rows()) {
            Comparison c = r.comparison();
            List<String> f = new ArrayList<>(List.of(r.dataset(), r.model(), r.metric(),
                    c.direction().map(d -> d.word()).orElse(""), r.method(), r.reference(), r.family(),
                    Integer.toString(r.familySize()), Integer.toString(c.n())));
            for (OutcomeFlag flag : OutcomeFlag.values()) {
                f.add(Integer.toString(c.failed().get(flag)));
            }
            f.addAll(List.of(Numbers.format(c.mean()), Numbers.format(c.std()), Integer.toString(c.referenceN())));
            for (OutcomeFlag flag : OutcomeFlag.values()) {
                f.add(Integer.toString(c.referenceFailed().get(flag)));
            }
            f.addAll(List.of(Numbers.format(c.referenceMean()), Numbers.format(c.referenceStd()),
                    Numbers.format(c.delta()), Numbers.format(c.better()),
                    c.interval().map(i -> Numbers.format(i.low())).orElse(""),
                    c.interval().map(i -> Numbers.format(i.high())).orElse(""),
                    c.interval().map(i -> i.method() + " " + Numbers.format(100 * i.coverage()) + "%").orElse(""),
                    c.pSource().filter(s -> c.p().isPresent()).map(s -> s.label()).orElse(""),
                    Numbers.format(c.p()), Numbers.format(c.welchP()), Numbers.format(c.adjustedP()),
                    c.verdict().describe(c.hypothesis().kind()), Numbers.format(c.hedgesG()), Numbers.format(c.a12()),
                    Numbers.format(c.pBetter()), Numbers.format(c.mwuP()), Numbers.format(c.mwuMinP()),
                    Numbers.format(c.rankP()), Numbers.format(c.wilcoxonP()), Integer.toString(c.pairs()),
                    Numbers.format(c.mdeStandardized()), Numbers.format(c.mde()), String.join("; ", c.notes())));
            Csv.line(out, f);
        }
    }
}
