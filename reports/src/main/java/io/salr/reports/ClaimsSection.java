package io.salr.reports;

import io.salr.analysis.claims.ClaimTest;
import io.salr.analysis.claims.ClaimVerdict;
import io.salr.analysis.claims.ClaimsOutput;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.format.Numbers;
import io.salr.reports.format.Escape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The claims section that opens the report page, in the order a referee reads it: a forest plot of every
 * comparison (the improvement with its interval, coloured by verdict, the failed runs beside it); a compact
 * verdict table (claim, verdict, improvement [interval], the adjusted p that decides it, runs and failures);
 * the mechanism checks apart; then the details per claim (statement, evidence, the paper's figure, the tests
 * with their notes); and the measured costs in a table of their own, with no tests.
 */
final class ClaimsSection {

    /** The paper and its claims' verdicts. */
    record Block(String paper, String scope, List<ClaimVerdict> verdicts) {
        Block {
            verdicts = List.copyOf(verdicts);
        }
    }

    static final String CSS = ".verdict-supported{color:#064}.verdict-contradicted{color:#a00}"
            + ".verdict-not-supported{color:#850}.verdict-not-tested{color:#555}"
            + ".forest{max-width:100%;height:auto;display:block;margin:.5em 0}"
            + ".claim-detail{border-top:1px solid #ddd;margin-top:1em}.claim-detail p{margin:.4em 0}"
            + ".nowrap{white-space:nowrap}";

    private static final int WIDTH = 960;
    private static final int LABEL = 330;
    private static final int PLOT = 430;
    private static final int ROW = 22;

    private ClaimsSection() {
    }

    static void render(StringBuilder out, Block block) {
        out.append("<h2 id=\"claims\">Does SALR reproduce? The claims of ").append(Escape.html(block.paper()))
                .append("</h2>\n<p>").append(Escape.html(block.scope())).append("</p>\n")
                .append("<p class=\"legend\">Each verdict is about the runs below and nothing wider: <b>supported</b> ")
                .append("(the one-sided exact rank test, failed runs ranked worst, rejects at its alpha after Holm's ")
                .append("adjustment over the claim's family and both directions, and the method does not fail significantly ")
                .append("more often than its baseline), <b>inconclusive</b> (see the minimum detectable effect), ")
                .append("<b>contradicted</b> (significant the other way), <b>not tested</b> (the runs lack what the claim ")
                .append("compares, or the design cannot test it). The deciding p is the Holm-adjusted p the verdict rests on. ")
                .append("Improvements are over finished runs, accuracies in percentage points; intervals have coverage ")
                .append("1 - 2 alpha; failed runs with their Clopper-Pearson 95% interval.</p>\n");
        List<ClaimVerdict> verdicts = block.verdicts().stream().filter(v -> !v.mechanism()).toList();
        List<ClaimVerdict> mechanisms = block.verdicts().stream().filter(ClaimVerdict::mechanism).toList();
        forest(out, verdicts);
        verdictTable(out, verdicts);
        if (!mechanisms.isEmpty()) {
            out.append("<h3 id=\"mechanism\">Mechanism checks (not verdicts on the paper's results)</h3>\n")
                    .append("<p class=\"legend\">The rule sets the learning rate from the sharpness, so this holds by ")
                    .append("construction; it checks that the implementation does what the rule says.</p>\n");
            verdictTable(out, mechanisms);
        }
        out.append("<h3>The claims in detail</h3>\n");
        for (ClaimVerdict v : block.verdicts()) {
            details(out, v);
        }
        costs(out, block.verdicts());
    }

    // ---- the forest plot

    /** One panel per metric: every test's improvement and interval on a shared axis, coloured by verdict. */
    private static void forest(StringBuilder out, List<ClaimVerdict> verdicts) {
        Map<String, List<ClaimTest>> byMetric = new LinkedHashMap<>();
        for (ClaimVerdict v : verdicts) {
            for (ClaimTest t : v.tests()) {
                if (t.improvement().isPresent()) {
                    byMetric.computeIfAbsent(t.metric(), k -> new ArrayList<>()).add(t);
                }
            }
        }
        if (byMetric.isEmpty()) {
            return;
        }
        out.append("<div id=\"forest\">\n");
        byMetric.forEach((metric, tests) -> panel(out, metric, tests));
        out.append("</div>\n");
    }

    private static void panel(StringBuilder out, String metric, List<ClaimTest> tests) {
        double scale = Metrics.isFraction(metric) ? 100 : 1;
        double lo = 0;
        double hi = 0;
        for (ClaimTest t : tests) {
            double b = scale * t.improvement().getAsDouble();
            lo = Math.min(lo, b);
            hi = Math.max(hi, b);
            if (t.interval().isPresent()) {
                lo = Math.min(lo, scale * t.interval().get().low());
                hi = Math.max(hi, scale * t.interval().get().high());
            }
        }
        double pad = (hi - lo) * 0.05 + 1e-12;
        final double from = lo - pad;
        final double to = hi + pad;
        int top = 34;
        int height = top + ROW * tests.size() + 26;
        String unit = Metrics.isFraction(metric) ? " (percentage points)" : "";
        out.append("<svg class=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<title>").append(Escape.html(metric))
                .append(": improvement of each method over its baseline with its interval</title>\n")
                .append("<text x=\"4\" y=\"16\" font-weight=\"bold\">").append(Escape.html(metric)).append(unit)
                .append(": improvement over the baseline, positive favours the method</text>\n")
                .append("<text x=\"").append(LABEL + PLOT + 12).append("\" y=\"").append(top - 8)
                .append("\">failed: method vs baseline</text>\n");
        double zero = x(0, from, to);
        out.append("<line x1=\"").append(fmt(zero)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(fmt(zero))
                .append("\" y2=\"").append(top + ROW * tests.size()).append("\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>\n");
        for (int k = 0; k <= 4; k++) {
            double v = from + (to - from) * k / 4;
            double px = x(v, from, to);
            int y = top + ROW * tests.size() + 16;
            out.append("<text x=\"").append(fmt(px)).append("\" y=\"").append(y).append("\" text-anchor=\"middle\" fill=\"#444\">")
                    .append(Escape.html(Numbers.format(round(v, 3)))).append("</text>\n");
        }
        for (int i = 0; i < tests.size(); i++) {
            ClaimTest t = tests.get(i);
            int y = top + ROW * i + ROW / 2;
            String colour = colour(t.verdict());
            out.append("<g class=\"").append(cssClass(t.verdict())).append("\"><text x=\"4\" y=\"").append(y + 4).append("\">")
                    .append(Escape.html(shorten(t.claimId() + ": " + shortName(t.method()) + " vs " + shortName(t.against()), 48)))
                    .append("</text>");
            t.interval().ifPresent(iv -> out.append("<line x1=\"").append(fmt(x(scale * iv.low(), from, to))).append("\" y1=\"")
                    .append(y).append("\" x2=\"").append(fmt(x(scale * iv.high(), from, to))).append("\" y2=\"").append(y)
                    .append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>"));
            out.append("<circle cx=\"").append(fmt(x(scale * t.improvement().getAsDouble(), from, to))).append("\" cy=\"").append(y)
                    .append("\" r=\"4.5\" fill=\"").append(colour).append("\"><title>")
                    .append(Escape.html(t.verdict().describe(t.test()) + ", " + improvement(t))).append("</title></circle>")
                    .append("<text x=\"").append(LABEL + PLOT + 12).append("\" y=\"").append(y + 4).append("\"")
                    .append(t.failed() > 0 ? " fill=\"#a00\" font-weight=\"bold\"" : "").append(">")
                    .append(t.failed()).append('/').append(t.runs()).append(" vs ").append(t.failedAgainst()).append('/')
                    .append(t.runsAgainst()).append("</text></g>\n");
        }
        out.append("</svg>\n");
    }

    private static double x(double v, double lo, double hi) {
        return LABEL + PLOT * (v - lo) / (hi - lo);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String colour(Verdict v) {
        return switch (v) {
            case SUPPORTED -> "#064";
            case CONTRADICTED -> "#a00";
            case NOT_SUPPORTED -> "#850";
            case NOT_TESTED -> "#555";
        };
    }

    // ---- the compact table

    private static void verdictTable(StringBuilder out, List<ClaimVerdict> verdicts) {
        out.append("<table class=\"small\" id=\"").append(verdicts.stream().anyMatch(ClaimVerdict::mechanism)
                ? "mechanism-table" : "claims-table").append("\">\n<thead><tr><th>claim</th><th>verdict</th>")
                .append("<th>comparison</th><th>improvement [interval]</th><th>deciding p</th>")
                .append("<th>runs (failed)</th></tr></thead>\n<tbody>\n");
        for (ClaimVerdict v : verdicts) {
            String claimCells = "<td><a href=\"#claim-" + Escape.html(v.claim().id()) + "\"><code>" + Escape.html(v.claim().id())
                    + "</code></a></td><td class=\"" + cssClass(v.verdict()) + "\"><b>" + Escape.html(v.verdictWords()) + "</b></td>";
            if (v.tests().isEmpty()) {
                out.append("<tr>").append(claimCells).append("<td colspan=\"4\">")
                        .append(Escape.html(v.summary())).append("</td></tr>\n");
                continue;
            }
            for (ClaimTest t : v.tests()) {
                out.append("<tr>").append(claimCells).append("<td>").append(Escape.html(shortName(t.method()))).append(" vs ")
                        .append(Escape.html(shortName(t.against()))).append(" <span class=\"")
                        .append(cssClass(t.verdict())).append("\">(").append(Escape.html(t.verdict().describe(t.test())))
                        .append(")</span></td><td class=\"nowrap\">").append(Escape.html(improvement(t)))
                        .append("</td><td>").append(t.decidingP().isPresent() ? Escape.html(Numbers.format(t.decidingP())) : "-")
                        .append("</td><td class=\"nowrap\">").append(runs(t)).append("</td></tr>\n");
            }
        }
        out.append("</tbody></table>\n");
    }

    private static String runs(ClaimTest t) {
        if (t.nAgainst() == 0 && t.failedAgainst() == 0) {
            return t.n() + " runs";
        }
        return t.runs() + " (" + t.failed() + ") vs " + t.runsAgainst() + " (" + t.failedAgainst() + ")";
    }

    private static String improvement(ClaimTest t) {
        String s = display(t.metric(), t.improvement());
        if (t.interval().isPresent()) {
            s += " [" + display(t.metric(), OptionalDouble.of(t.interval().get().low())) + ", "
                    + display(t.metric(), OptionalDouble.of(t.interval().get().high())) + "]";
        }
        return s;
    }

    // ---- the details

    private static void details(StringBuilder out, ClaimVerdict v) {
        out.append("<section class=\"claim-detail\" id=\"claim-").append(Escape.html(v.claim().id())).append("\">\n<h4><code>")
                .append(Escape.html(v.claim().id())).append("</code> (").append(Escape.html(v.claim().where()))
                .append("): <span class=\"").append(cssClass(v.verdict())).append("\">").append(Escape.html(v.verdictWords()))
                .append("</span>").append(v.mechanism() ? " (mechanism check)" : "").append("</h4>\n<p><b>Claim.</b> ")
                .append(Escape.html(v.claim().statement())).append("</p>\n<p><b>Evidence.</b> ").append(Escape.html(v.summary()))
                .append("</p>\n");
        if (!v.paperFigure().isEmpty()) {
            out.append("<p><b>The paper's figure.</b> ").append(Escape.html(v.paperFigure())).append("</p>\n");
        }
        if (!v.tests().isEmpty()) {
            out.append("<table class=\"small\"><thead><tr><th>network</th><th>method</th><th>against</th><th>n</th>")
                    .append("<th>failed</th><th>improvement [interval]</th><th>p</th><th>adjusted p</th><th>opposite, adjusted</th>")
                    .append("<th>MDE</th><th>verdict</th></tr></thead>\n<tbody>\n");
            for (ClaimTest t : v.tests()) {
                out.append("<tr><td>").append(Escape.html(t.network())).append("</td><td>").append(Escape.html(t.method()))
                        .append("</td><td>").append(Escape.html(t.against())).append("</td><td class=\"nowrap\">").append(t.n())
                        .append(t.nAgainst() > 0 ? " vs " + t.nAgainst() : "").append("</td><td>")
                        .append(t.failureP().isPresent() ? Escape.html(ClaimsOutput.failures(t.failed(), t.runs()) + " vs "
                                + ClaimsOutput.failures(t.failedAgainst(), t.runsAgainst()) + ", Fisher p "
                                + Numbers.format(t.failureP())) : "-")
                        .append("</td><td>").append(Escape.html(improvement(t))).append("</td><td>")
                        .append(Escape.html(p(t.p()))).append("</td><td>").append(Escape.html(p(t.adjustedP())))
                        .append("</td><td>").append(Escape.html(p(t.adjustedReverseP()))).append("</td><td>")
                        .append(Escape.html(display(t.metric(), t.mde()))).append("</td><td class=\"")
                        .append(cssClass(t.verdict())).append("\">").append(Escape.html(t.verdict().describe(t.test())))
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
            List<String> notes = new ArrayList<>();
            for (ClaimTest t : v.tests()) {
                String prefix = shortName(t.method()) + " vs " + shortName(t.against()) + " (" + t.scale() + ")";
                notes.add(prefix + (t.notes().isEmpty() ? "" : ": " + String.join("; ", t.notes())));
            }
            out.append("<ul class=\"legend\">");
            new java.util.LinkedHashSet<>(notes).forEach(n -> out.append("<li>").append(Escape.html(n)).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private static String p(OptionalDouble p) {
        return p.isPresent() ? Numbers.format(p) : "-";
    }

    // ---- the costs

    private static void costs(StringBuilder out, List<ClaimVerdict> verdicts) {
        List<ClaimTest> withCosts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ClaimVerdict v : verdicts) {
            for (ClaimTest t : v.tests()) {
                if (!t.costs().isEmpty() && seen.add(t.network() + "|" + t.method() + "|" + t.against())) {
                    withCosts.add(t);
                }
            }
        }
        if (withCosts.isEmpty()) {
            return;
        }
        out.append("<h3 id=\"claims-costs\">What each side spent per run (measured; no tests)</h3>\n")
                .append("<table class=\"small\" id=\"costs-table\"><thead><tr><th>network</th><th>method</th><th>against</th>");
        for (String m : ClaimTest.COST_METRICS) {
            out.append("<th>").append(Escape.html(m.replace('_', ' '))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (ClaimTest t : withCosts) {
            out.append("<tr><td>").append(Escape.html(t.network())).append("</td><td>").append(Escape.html(t.method()))
                    .append("</td><td>").append(Escape.html(t.against())).append("</td>");
            for (String m : ClaimTest.COST_METRICS) {
                out.append("<td class=\"nowrap\">").append(Escape.html(ClaimsOutput.cost(t, m))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    // ---- words

    private static String shortName(String label) {
        int paren = label.indexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    private static double round(double v, int significant) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(significant)).doubleValue();
    }

    private static String cssClass(Verdict v) {
        return switch (v) {
            case SUPPORTED -> "verdict-supported";
            case CONTRADICTED -> "verdict-contradicted";
            case NOT_SUPPORTED -> "verdict-not-supported";
            case NOT_TESTED -> "verdict-not-tested";
        };
    }

    private static String display(String metric, OptionalDouble value) {
        if (value.isEmpty()) {
            return "-";
        }
        double v = Metrics.isFraction(metric) ? 100 * value.getAsDouble() : value.getAsDouble();
        String text = v == 0 ? "0" : Numbers.format(new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue());
        return Metrics.isFraction(metric) ? text + " pp" : text;
    }
}
