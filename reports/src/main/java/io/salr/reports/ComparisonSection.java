package io.salr.reports;

import io.salr.analysis.metric.Metric;
import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Interval;
import io.salr.analysis.compare.TestKind;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.significance.SignificanceRow;
import io.salr.analysis.significance.SignificanceTable;
import io.salr.reports.format.Escape;
import io.salr.reports.format.Rounding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The comparisons on the report page: the headline (the primary metric, every method against the reference on
 * every network, in words), then one table per result metric with the primary metric first, then the costs
 * (gradient calls, wall time) in a table of their own. Numbers are rounded to the digits their interval supports
 * ({@link Rounding}); accuracies are shown in percent and their differences in percentage points.
 */
final class ComparisonSection {

    private ComparisonSection() {
    }

    /**
     * The primary metric: the one asked for, else {@code perplexity} when present (a text study), else
     * {@code test_accuracy} when present, else the first result metric.
     */
    static Optional<String> primary(SignificanceTable table, Optional<String> asked) {
        TreeSet<String> metrics = new TreeSet<>();
        table.rows().forEach(r -> metrics.add(r.metric()));
        if (asked.isPresent()) {
            return asked;
        }
        if (metrics.contains(Metric.PERPLEXITY.id())) {
            return Optional.of(Metric.PERPLEXITY.id()); // a text study's headline, as Table V of the paper
        }
        if (metrics.contains(Metric.TEST_ACCURACY.id())) {
            return Optional.of(Metric.TEST_ACCURACY.id());
        }
        return metrics.stream().filter(m -> !Metrics.isCost(m)).findFirst();
    }

    /** The metric's display factor: 100 for fractions (shown in percent), 1 otherwise. */
    static double scale(String metric) {
        return Metrics.isFraction(metric) ? 100 : 1;
    }

    private static String valueUnit(String metric) {
        return Metrics.isFraction(metric) ? " %" : "";
    }

    private static String differenceUnit(String metric) {
        return Metrics.isFraction(metric) ? " pp" : "";
    }

    /** The headline section, opening the page. */
    static void headline(StringBuilder out, SignificanceTable table, Optional<String> primary) {
        out.append("<h2 id=\"headline\">Headline: ").append(primary.map(Escape::html).orElse("no result metric"))
                .append(" against <code>").append(Escape.html(table.reference())).append("</code></h2>\n");
        List<SignificanceRow> rows = primary.map(p -> table.rows().stream().filter(r -> r.metric().equals(p)).toList())
                .orElse(List.of());
        if (rows.isEmpty()) {
            out.append("<p>No method shares the primary metric and a network with the reference.</p>\n");
            return;
        }
        String metric = primary.get();
        out.append("<p>Improvement = ").append(rows.get(0).comparison().direction()
                .map(d -> d.describe() + " for " + Escape.html(metric) + ", so a positive improvement is good for the method")
                .orElse("not defined: give --direction " + Escape.html(metric) + "=lower|higher"))
                .append(". Interval: ").append(intervalName(rows)).append(". p-values are Holm-adjusted over the family <em>")
                .append(Escape.html(table.scope().describe())).append("</em>.</p>\n<ul class=\"headline\">\n");
        for (SignificanceRow r : rows) {
            Comparison c = r.comparison();
            out.append("<li><strong>").append(Escape.html(r.method())).append("</strong> on ")
                    .append(Escape.html(r.dataset() + "/" + r.model())).append(": <strong>")
                    .append(Escape.html(c.verdict().describe(TestKind.DIFFERENCE))).append("</strong>");
            if (c.better().isPresent()) {
                int d = decimals(c, metric);
                out.append(", improvement ").append(Rounding.signed(c.better().getAsDouble() * scale(metric), d))
                        .append(differenceUnit(metric));
                c.betterInterval().ifPresent(i -> out.append(" [").append(Rounding.fixed(i.low() * scale(metric), d))
                        .append(", ").append(Rounding.fixed(i.high() * scale(metric), d)).append(']'));
            }
            c.adjustedP().ifPresent(p -> out.append(", Holm p ").append(Escape.html(Rounding.p(p))));
            c.pBetter().ifPresent(p -> out.append(", P(better) ").append(Rounding.fixed(p, 2)));
            out.append("; n ").append(c.n()).append(" vs ").append(c.referenceN());
            if (c.nFailed() + c.referenceNFailed() > 0) {
                out.append(" (failed: ").append(c.nFailed()).append(" vs ").append(c.referenceNFailed()).append(')');
            }
            c.mde().ifPresent(m -> out.append("; detectable at 80% power: ")
                    .append(Rounding.fixed(m * scale(metric), decimals(c, metric))).append(differenceUnit(metric)));
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    /** Every comparison: primary metric first, other result metrics by name, costs last in their own table. */
    static void tables(StringBuilder out, SignificanceTable table, Optional<String> primary) {
        out.append("<h2 id=\"comparisons-heading\">Comparisons with the reference</h2>\n");
        if (table.rows().isEmpty()) {
            out.append("<p>No method shares a network and metric with the reference.</p>\n");
            return;
        }
        Map<String, List<SignificanceRow>> byMetric = new LinkedHashMap<>();
        primary.ifPresent(p -> byMetric.put(p, new ArrayList<>()));
        new TreeSet<>(table.rows().stream().map(SignificanceRow::metric).filter(m -> !Metrics.isCost(m)).toList())
                .forEach(m -> byMetric.putIfAbsent(m, new ArrayList<>()));
        Map<String, List<SignificanceRow>> costs = new LinkedHashMap<>();
        new TreeSet<>(table.rows().stream().map(SignificanceRow::metric).filter(Metrics::isCost).toList())
                .forEach(m -> costs.put(m, new ArrayList<>()));
        for (SignificanceRow r : table.rows()) {
            (Metrics.isCost(r.metric()) ? costs : byMetric).get(r.metric()).add(r);
        }
        out.append("<p>Each method against <code>").append(Escape.html(table.reference()))
                .append("</code> (all digits in <code>significance.csv</code>). Holm family: <em>")
                .append(Escape.html(table.scope().describe())).append("</em>; costs form their own families. ")
                .append("Runs count every run and (failed) the diverged or collapsed ones; the test ranks a failed run ")
                .append("below every finished one; means, intervals and the MDE are over finished runs.</p>\n");
        boolean first = true;
        for (Map.Entry<String, List<SignificanceRow>> e : byMetric.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            table(out, e.getKey(), e.getValue(), first ? "comparisons" : null);
            first = false;
        }
        if (!costs.isEmpty()) {
            out.append("<h3 id=\"costs\">Costs: gradient calls and wall time</h3>\n<p>What each method spent, not what "
                    + "it achieved, in tables of their own with no tests; budgets are matched in gradient calls, so their "
                    + "differences should be small.</p>\n");
            costs.forEach((metric, rows) -> costTable(out, metric, rows));
        }
    }

    private static void table(StringBuilder out, String metric, List<SignificanceRow> rows, String id) {
        String direction = rows.get(0).comparison().direction().map(d -> d.describe()).orElse("direction unknown");
        String test = rows.stream().map(r -> r.comparison().pSource()).filter(Optional::isPresent).map(Optional::get)
                .findFirst().map(src -> src.label()).orElse("no test");
        out.append("<table class=\"small\"").append(id == null ? "" : " id=\"" + id + "\"").append(">\n<caption>")
                .append(Escape.html(metric)).append(valueUnit(metric)).append(" (").append(direction).append("; improvement and ")
                .append(intervalName(rows)).append(" in ").append(Metrics.isFraction(metric) ? "percentage points" : "the metric's units")
                .append("; runs and means: the method's vs the reference's; p from the ").append(Escape.html(test))
                .append(" test, Holm over ").append(rows.get(0).familySize())
                .append(" tests; MDE: the shift the test detects with 80% power)</caption>\n<thead><tr>");
        for (String h : List.of("Network", "Method", "Runs (failed)", "Means", "Improvement [interval]", "p", "Holm p",
                "Verdict", "P(better)", "MDE", "Notes")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        double scale = scale(metric);
        List<String> notes = new ArrayList<>();
        for (SignificanceRow r : rows) {
            Comparison c = r.comparison();
            int d = decimals(c, metric);
            out.append("<tr><th scope=\"row\">").append(Escape.html(r.dataset() + "/" + r.model()))
                    .append("</th><th scope=\"row\">").append(Escape.html(r.method())).append("</th>");
            Optional<Interval> bi = c.betterInterval();
            String improvement = c.better().isPresent() ? Rounding.signed(c.better().getAsDouble() * scale, d)
                    + bi.map(i -> " [" + Rounding.fixed(i.low() * scale, d) + ", " + Rounding.fixed(i.high() * scale, d) + "]")
                    .orElse("") : "";
            String note = "";
            if (!c.notes().isEmpty()) {
                notes.add(String.join("; ", c.notes()));
                note = "[" + notes.size() + "]";
            }
            for (String text : List.of((c.n() + c.nFailed()) + " (" + c.nFailed() + ") vs "
                            + (c.referenceN() + c.referenceNFailed()) + " (" + c.referenceNFailed() + ")",
                    (c.mean().isPresent() ? Rounding.fixed(c.mean().getAsDouble() * scale, d) : "-") + " vs "
                            + (c.referenceMean().isPresent() ? Rounding.fixed(c.referenceMean().getAsDouble() * scale, d) : "-"),
                    improvement, c.p().isPresent() ? Rounding.p(c.p().getAsDouble()) : "",
                    c.adjustedP().isPresent() ? Rounding.p(c.adjustedP().getAsDouble()) : "",
                    c.verdict().describe(TestKind.DIFFERENCE),
                    c.pBetter().isPresent() ? Rounding.fixed(c.pBetter().getAsDouble(), 2) : "",
                    c.mde().isPresent() ? Rounding.fixed(c.mde().getAsDouble() * scale, d) : "", note)) {
                out.append("<td class=\"nowrap\">").append(Escape.html(text)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (!notes.isEmpty()) {
            out.append("<ol class=\"legend\">");
            notes.forEach(n -> out.append("<li>").append(Escape.html(n)).append("</li>"));
            out.append("</ol>\n");
        }
    }

    /** A cost: what each method spent per run against the reference, with no test. */
    private static void costTable(StringBuilder out, String metric, List<SignificanceRow> rows) {
        out.append("<table class=\"small\">\n<caption>").append(Escape.html(metric))
                .append(" per run (mean of finished runs; no test)</caption>\n<thead><tr>");
        for (String h : List.of("Network", "Method", "Mean", "Reference mean", "Ratio to the reference")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (SignificanceRow r : rows) {
            Comparison c = r.comparison();
            out.append("<tr><th scope=\"row\">").append(Escape.html(r.dataset() + "/" + r.model()))
                    .append("</th><th scope=\"row\">").append(Escape.html(r.method())).append("</th>");
            String ratio = c.mean().isPresent() && c.referenceMean().isPresent() && c.referenceMean().getAsDouble() != 0
                    ? Rounding.fixed(c.mean().getAsDouble() / c.referenceMean().getAsDouble(), 2) : "";
            for (String text : List.of(c.mean().isPresent() ? Rounding.fixed(c.mean().getAsDouble(), 1) : "",
                    c.referenceMean().isPresent() ? Rounding.fixed(c.referenceMean().getAsDouble(), 1) : "", ratio)) {
                out.append("<td>").append(Escape.html(text)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Decimals for one comparison's numbers: from its interval's half-width, else from the reference's mean. */
    private static int decimals(Comparison c, String metric) {
        double scale = scale(metric);
        double half = c.interval().map(Interval::halfWidth).orElse(0.0) * scale;
        double value = c.referenceMean().orElse(c.mean().orElse(0)) * scale;
        if (half == 0) {
            // no interval (too few runs, or both constant): the spread, else three significant digits of the mean
            half = Math.max(c.std().orElse(0), c.referenceStd().orElse(0)) * scale;
        }
        return Rounding.decimals(half, value);
    }

    private static String intervalName(List<SignificanceRow> rows) {
        return rows.stream().map(r -> r.comparison().interval()).filter(Optional::isPresent).map(Optional::get).findFirst()
                .map(i -> Rounding.fixed(100 * i.coverage(), 0) + "% " + i.method() + " interval")
                .orElse("no interval (too few runs or no spread)");
    }

    /** The aggregates across tasks (rliable), from the rows of {@code aggregate.csv}. */
    static void aggregates(StringBuilder out, io.salr.analysis.output.AggregateCsv.Result result) {
        var a = result.aggregates();
        out.append("<h2 id=\"aggregates\">Across tasks: ").append(Escape.html(a.metric())).append(" on ")
                .append(a.tasks().size()).append(" networks</h2>\n<p>Scores normalized per task ")
                .append(Escape.html(a.normalization().describe())).append(", higher is better. Mean and median of the "
                + "per-task means, interquartile mean and optimality gap (1 - mean of scores capped at 1) of all runs, "
                + "probability of improvement over the reference (rliable's definitions); 95% percentile intervals of "
                + "a stratified bootstrap over runs within tasks, which cover less than 95% with few runs per task. "
                + "Profiles are in <code>aggregate.csv</code>.</p>\n<table class=\"small\" id=\"aggregate\">\n<thead><tr>");
        for (String h : List.of("Method", "Statistic", "Value [95% interval]", "Tasks", "Runs", "Failed", "Note")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : result.rows()) {
            if (row.get(3).equals("profile")) {
                continue;
            }
            String value = row.get(5).isEmpty() ? "" : fmt3(row.get(5)) + " [" + fmt3(row.get(6)) + ", " + fmt3(row.get(7)) + "]";
            out.append("<tr><th scope=\"row\">").append(Escape.html(row.get(2))).append("</th>");
            for (String text : List.of(row.get(3), value, row.get(8), row.get(9), row.get(10), row.get(11))) {
                out.append("<td>").append(Escape.html(text)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String fmt3(String number) {
        return Rounding.fixed(Double.parseDouble(number), 3);
    }
}
