package io.salr.analysis.claims;

import io.salr.analysis.compare.Interval;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.output.Csv;
import io.salr.analysis.output.Markdown;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.stats.FailureRates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The verdicts as {@code claims.csv} (one row per test, raw units) and as Markdown (percentage points). Every
 * row carries the adjusted p that decides its verdict, the failed runs with their Clopper-Pearson 95% intervals
 * and Fisher's exact test, and the measured cost per run of both sides (no test on costs).
 */
public final class ClaimsOutput {

    /** Coverage of the failure-rate intervals. */
    public static final double FAILURE_COVERAGE = 0.95;

    /** The columns of {@code claims.csv}. */
    public static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("claim", "role", "where", "claim_verdict", "dataset", "model", "method",
                "against", "metric", "test", "margin", "alpha", "family", "family_size", "n", "n_against", "failed",
                "failed_against", "failure_rate_low", "failure_rate_high", "failure_rate_against_low",
                "failure_rate_against_high", "fisher_p", "mean", "mean_against", "improvement", "ci_low", "ci_high",
                "coverage", "p", "adjusted_p", "adjusted_reverse_p", "deciding_p", "mde", "verdict"));
        for (String m : ClaimTest.COST_METRICS) {
            c.add(m);
            c.add(m + "_against");
        }
        c.addAll(List.of("scale", "notes"));
        return List.copyOf(c);
    }

    private ClaimsOutput() {
    }

    /** "verdict" or "mechanism check". */
    static String role(ClaimVerdict v) {
        return v.mechanism() ? "mechanism check" : "verdict";
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
                    row.set(COLUMNS.indexOf("role"), role(v));
                    row.set(COLUMNS.indexOf("where"), c.where());
                    row.set(COLUMNS.indexOf("claim_verdict"), v.verdictWords());
                    row.set(COLUMNS.indexOf("metric"), c.metric());
                    row.set(COLUMNS.indexOf("test"), ClaimSet.words(c.test()));
                    row.set(COLUMNS.indexOf("verdict"), Verdict.NOT_TESTED.describe(c.test()));
                    row.set(COLUMNS.indexOf("notes"), v.summary());
                    Csv.line(out, row);
                    continue;
                }
                for (ClaimTest t : v.tests()) {
                    Optional<Interval> i = t.interval();
                    List<String> row = new ArrayList<>(List.of(c.id(), role(v), c.where(), v.verdictWords(), t.dataset(),
                            t.model(), t.method(), t.against(), t.metric(), ClaimSet.words(t.test()),
                            Numbers.format(t.margin()), Numbers.format(t.alpha()), t.family(),
                            Integer.toString(t.familySize()), Integer.toString(t.n()), Integer.toString(t.nAgainst()),
                            Integer.toString(t.failed()), Integer.toString(t.failedAgainst())));
                    row.addAll(rate(t.failed(), t.runs(), t.failureP().isPresent()));
                    row.addAll(rate(t.failedAgainst(), t.runsAgainst(), t.failureP().isPresent()));
                    row.addAll(List.of(Numbers.format(t.failureP()), Numbers.format(t.mean()), Numbers.format(t.meanAgainst()),
                            Numbers.format(t.improvement()),
                            i.map(x -> Numbers.format(x.low())).orElse(""), i.map(x -> Numbers.format(x.high())).orElse(""),
                            i.map(x -> Numbers.format(x.coverage())).orElse(""), Numbers.format(t.p()),
                            Numbers.format(t.adjustedP()), Numbers.format(t.adjustedReverseP()),
                            Numbers.format(t.decidingP()), Numbers.format(t.mde()), t.verdict().describe(t.test())));
                    for (String m : ClaimTest.COST_METRICS) {
                        Optional<ClaimTest.Cost> cost = t.costs().stream().filter(k -> k.metric().equals(m)).findFirst();
                        row.add(cost.map(k -> Numbers.format(k.method())).orElse(""));
                        row.add(cost.map(k -> Numbers.format(k.against())).orElse(""));
                    }
                    row.add(t.scale());
                    row.add(String.join("; ", t.notes()));
                    Csv.line(out, row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> rate(int failed, int runs, boolean present) {
        if (!present || runs == 0) {
            return List.of("", "");
        }
        double[] ci = FailureRates.clopperPearson(failed, runs, FAILURE_COVERAGE);
        return List.of(Numbers.format(ci[0]), Numbers.format(ci[1]));
    }

    /** Failed runs of one side with their interval, e.g. {@code 7/10 [35%, 93%]}. */
    public static String failures(int failed, int runs) {
        if (runs == 0) {
            return "0/0";
        }
        double[] ci = FailureRates.clopperPearson(failed, runs, FAILURE_COVERAGE);
        return failed + "/" + runs + " [" + Math.round(100 * ci[0]) + "%, " + Math.round(100 * ci[1]) + "%]";
    }

    /**
     * The claims in Markdown: the verdicts with their evidence and the paper's own figure; the tests with the
     * deciding p; the mechanism checks apart; the measured costs in a table of their own.
     */
    public static String markdown(String paper, List<ClaimVerdict> verdicts) {
        StringBuilder out = new StringBuilder();
        out.append("## Claims of ").append(cell(paper)).append("\n\n");
        out.append("Verdicts on the runs given, never wider: supported (the one-sided rank test, failed runs ranked worst, ")
                .append("rejects at its alpha after Holm's adjustment over the claim's family and both directions, and the ")
                .append("method does not fail significantly more often than its baseline), inconclusive (see the minimum ")
                .append("detectable effect), contradicted (significant the other way), not tested (the runs lack what the ")
                .append("claim compares, or the design cannot test it). Accuracy differences in percentage points over finished ")
                .append("runs; intervals have coverage 1 - 2 alpha (one-sided bounds at alpha); failed runs with Clopper-Pearson ")
                .append("95% intervals.\n\n");
        out.append("| claim | where | statement | verdict | evidence | the paper's figure |\n| --- | --- | --- | --- | --- | --- |\n");
        for (ClaimVerdict v : verdicts) {
            if (!v.mechanism()) {
                claimRow(out, v);
            }
        }
        out.append("\n### The tests\n\n| claim | network | method | against | n | failed | improvement | interval "
                + "| deciding p | MDE | verdict | notes |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ClaimVerdict v : verdicts) {
            if (!v.mechanism()) {
                v.tests().forEach(t -> testRow(out, t));
            }
        }
        if (verdicts.stream().anyMatch(ClaimVerdict::mechanism)) {
            out.append("\n### Mechanism checks (not verdicts on the paper's results)\n\n")
                    .append("| claim | statement | outcome | evidence |\n| --- | --- | --- | --- |\n");
            for (ClaimVerdict v : verdicts) {
                if (v.mechanism()) {
                    out.append("| ").append(cell(v.claim().id())).append(" | ").append(cell(v.claim().statement()))
                            .append(" | ").append(cell(v.verdictWords())).append(" | ").append(cell(v.summary())).append(" |\n");
                }
            }
        }
        boolean anyCost = verdicts.stream().anyMatch(v -> v.tests().stream().anyMatch(t -> !t.costs().isEmpty()));
        if (anyCost) {
            out.append("\n### Measured cost per run (no tests)\n\n| claim | network | method | against |");
            ClaimTest.COST_METRICS.forEach(m -> out.append(" ").append(cell(m)).append(" |"));
            out.append("\n| --- | --- | --- | --- |");
            ClaimTest.COST_METRICS.forEach(m -> out.append(" --- |"));
            out.append("\n");
            for (ClaimVerdict v : verdicts) {
                for (ClaimTest t : v.tests()) {
                    if (t.costs().isEmpty()) {
                        continue;
                    }
                    out.append("| ").append(cell(t.claimId())).append(" | ").append(cell(t.network())).append(" | ")
                            .append(cell(t.method())).append(" | ").append(cell(t.against())).append(" |");
                    for (String m : ClaimTest.COST_METRICS) {
                        out.append(" ").append(cell(cost(t, m))).append(" |");
                    }
                    out.append("\n");
                }
            }
        }
        return out.toString();
    }

    /** A cost cell: {@code method vs against}, rounded. */
    public static String cost(ClaimTest t, String metric) {
        return t.costs().stream().filter(k -> k.metric().equals(metric)).findFirst()
                .map(k -> costValue(k.method()) + " vs " + costValue(k.against())).orElse("-");
    }

    private static String costValue(OptionalDouble v) {
        if (v.isEmpty()) {
            return "-";
        }
        double x = v.getAsDouble();
        return Math.abs(x) >= 100 ? Numbers.format(Math.round(x))
                : Numbers.format(new java.math.BigDecimal(x).round(new java.math.MathContext(3)).doubleValue());
    }

    private static void claimRow(StringBuilder out, ClaimVerdict v) {
        out.append("| ").append(cell(v.claim().id())).append(" | ").append(cell(v.claim().where())).append(" | ")
                .append(cell(v.claim().statement())).append(" | **").append(cell(v.verdictWords())).append("** | ")
                .append(cell(v.summary())).append(" | ").append(cell(v.paperFigure())).append(" |\n");
    }

    private static void testRow(StringBuilder out, ClaimTest t) {
        out.append("| ").append(cell(t.claimId())).append(" | ").append(cell(t.network())).append(" | ")
                .append(cell(t.method())).append(" | ").append(cell(t.against())).append(" | ").append(t.n())
                .append(t.nAgainst() > 0 ? " vs " + t.nAgainst() : "").append(" | ")
                .append(t.failureP().isPresent() ? failures(t.failed(), t.runs()) + " vs " + failures(t.failedAgainst(), t.runsAgainst())
                        : "-").append(" | ")
                .append(display(t.metric(), t.improvement())).append(" | ")
                .append(t.interval().map(i -> "[" + display(t.metric(), OptionalDouble.of(i.low())) + ", "
                        + display(t.metric(), OptionalDouble.of(i.high())) + "]").orElse("-")).append(" | ")
                .append(t.decidingP().isPresent() ? Numbers.format(t.decidingP()) : "-").append(" | ")
                .append(display(t.metric(), t.mde())).append(" | ").append(cell(t.verdict().describe(t.test())))
                .append(" | ").append(cell(String.join("; ", t.notes()))).append(" |\n");
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
        return Markdown.cell(text);
    }
}
