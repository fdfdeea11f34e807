package io.salr.analysis.claims;

import io.salr.analysis.compare.Interval;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.output.Csv;
import io.salr.analysis.output.Numbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The verdicts as {@code claims.csv} (one row per test, raw units) and as Markdown (percentage points). */
public final class ClaimsOutput {

    /** The columns of {@code claims.csv}. */
    public static final List<String> COLUMNS = List.of("claim", "where", "claim_verdict", "dataset", "model", "method",
            "against", "metric", "test", "margin", "alpha", "family", "family_size", "n", "n_against", "failed",
            "failed_against", "mean", "mean_against", "improvement", "ci_low", "ci_high", "coverage", "p", "adjusted_p",
            "mde", "verdict", "scale", "notes");

    private ClaimsOutput() {
    }

    /** {@code claims.csv}: a row per test; a claim without tests gets one row that says why. */
    public static String csv(List<ClaimVerdict> verdicts) {
        StringBuilder out = new StringBuilder();
        try {
            Csv.line(out, COLUMNS);
            for (ClaimVerdict v : verdicts) {
                Claim c = v.claim();
                if (v.tests().isEmpty()) {
                    List<String> row = new ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), ""));
                    row.set(COLUMNS.indexOf("claim"), c.id());
                    row.set(COLUMNS.indexOf("where"), c.where());
                    row.set(COLUMNS.indexOf("claim_verdict"), v.verdictWords());
                    row.set(COLUMNS.indexOf("metric"), c.metric());
                    row.set(COLUMNS.indexOf("test"), ClaimSet.words(c.test()));
                    row.set(COLUMNS.indexOf("verdict"), v.verdictWords());
                    row.set(COLUMNS.indexOf("notes"), v.summary());
                    Csv.line(out, row);
                    continue;
                }
                for (ClaimTest t : v.tests()) {
                    Optional<Interval> i = t.interval();
                    Csv.line(out, List.of(c.id(), c.where(), v.verdictWords(), t.dataset(), t.model(), t.method(),
                            t.against(), t.metric(), ClaimSet.words(t.test()), Numbers.format(t.margin()),
                            Numbers.format(t.alpha()), t.family(), Integer.toString(t.familySize()), Integer.toString(t.n()),
                            Integer.toString(t.nAgainst()), Integer.toString(t.failed()), Integer.toString(t.failedAgainst()),
                            Numbers.format(t.mean()), Numbers.format(t.meanAgainst()), Numbers.format(t.improvement()),
                            i.map(x -> Numbers.format(x.low())).orElse(""), i.map(x -> Numbers.format(x.high())).orElse(""),
                            i.map(x -> Numbers.format(x.coverage())).orElse(""), Numbers.format(t.p()),
                            Numbers.format(t.adjustedP()), Numbers.format(t.mde()), ClaimVerdict.words(t.verdict()),
                            t.scale(), String.join("; ", t.notes())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The claims table in Markdown: per claim its verdict with the evidence, and the paper's own figure. */
    public static String markdown(String paper, List<ClaimVerdict> verdicts) {
        StringBuilder out = new StringBuilder();
        out.append("## Claims of ").append(paper).append("\n\n");
        out.append("Verdicts on the runs given, never wider: supported (the one-sided test rejects at its alpha after Holm's ")
                .append("adjustment within the claim's family), not supported (inconclusive at this power: see the minimum ")
                .append("detectable effect), contradicted (significant the other way), not tested (the runs lack what the ")
                .append("claim compares). Accuracy differences in percentage points; intervals have coverage 1 - 2 alpha ")
                .append("(one-sided bounds at alpha).\n\n");
        out.append("| claim | where | statement | verdict | evidence | the paper's figure |\n| --- | --- | --- | --- | --- | --- |\n");
        for (ClaimVerdict v : verdicts) {
            out.append("| ").append(cell(v.claim().id())).append(" | ").append(cell(v.claim().where())).append(" | ")
                    .append(cell(v.claim().statement())).append(" | **").append(cell(v.verdictWords())).append("** | ")
                    .append(cell(v.summary())).append(" | ").append(cell(v.paperFigure())).append(" |\n");
        }
        out.append("\n### The tests\n\n| claim | network | method | against | n | improvement | interval | adjusted p | MDE | verdict | scale | notes |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ClaimVerdict v : verdicts) {
            for (ClaimTest t : v.tests()) {
                out.append("| ").append(cell(t.claimId())).append(" | ").append(cell(t.network())).append(" | ")
                        .append(cell(t.method())).append(" | ").append(cell(t.against())).append(" | ").append(t.n())
                        .append(t.nAgainst() > 0 ? " vs " + t.nAgainst() : "").append(" | ")
                        .append(display(t.metric(), t.improvement())).append(" | ")
                        .append(t.interval().map(i -> "[" + display(t.metric(), OptionalDouble.of(i.low())) + ", "
                                + display(t.metric(), OptionalDouble.of(i.high())) + "]").orElse("-")).append(" | ")
                        .append(t.adjustedP().isPresent() ? Numbers.format(t.adjustedP()) : "-").append(" | ")
                        .append(display(t.metric(), t.mde())).append(" | ").append(cell(t.verdict().describe(t.test())))
                        .append(" | ").append(cell(t.scale())).append(" | ").append(cell(String.join("; ", t.notes())))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** A value in display units: percentage points for accuracies, rounded to 4 significant digits. */
    static String display(String metric, OptionalDouble value) {
        if (value.isEmpty()) {
            return "-";
        }
        double v = value.getAsDouble();
        if (Metrics.isFraction(metric)) {
            v *= 100;
        }
        String text = v == 0 ? "0" : Numbers.format(new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue());
        return Metrics.isFraction(metric) ? text + " pp" : text;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
