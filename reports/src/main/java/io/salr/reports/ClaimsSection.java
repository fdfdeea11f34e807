package io.salr.reports;

import io.salr.analysis.claims.ClaimTest;
import io.salr.analysis.claims.ClaimVerdict;
import io.salr.analysis.compare.Verdict;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.output.Numbers;
import io.salr.reports.format.Escape;
import java.util.List;
import java.util.OptionalDouble;

/** The claims section that opens the report page: a verdict per claim with its evidence and the paper's figure. */
final class ClaimsSection {

    /** The paper and its claims' verdicts. */
    record Block(String paper, String scope, List<ClaimVerdict> verdicts) {
        Block {
            verdicts = List.copyOf(verdicts);
        }
    }

    static final String CSS = ".verdict-supported{color:#064}.verdict-contradicted{color:#a00}"
            + ".verdict-not-supported{color:#850}.verdict-not-tested{color:#555}";

    private ClaimsSection() {
    }

    static void render(StringBuilder out, Block block) {
        out.append("<h2 id=\"claims\">Does SALR reproduce? The claims of ").append(Escape.html(block.paper()))
                .append("</h2>\n<p>").append(Escape.html(block.scope())).append("</p>\n")
                .append("<p class=\"legend\">Each verdict is about the runs below and nothing wider: <b>supported</b> ")
                .append("(the one-sided test rejects at its alpha after Holm's adjustment within the claim's family), ")
                .append("<b>not supported</b> (inconclusive at this power; see the minimum detectable effect), ")
                .append("<b>contradicted</b> (significant the other way), <b>not tested</b> (the runs lack what the claim ")
                .append("compares). Accuracy differences are in percentage points; intervals have coverage 1 - 2 alpha. ")
                .append("The paper's figure is its own table read at face value.</p>\n");
        out.append("<table class=\"small\" id=\"claims-table\">\n<thead><tr><th>claim</th><th>where</th><th>statement</th>")
                .append("<th>verdict</th><th>evidence</th><th>the paper's figure</th></tr></thead>\n<tbody>\n");
        for (ClaimVerdict v : block.verdicts()) {
            out.append("<tr><td><code>").append(Escape.html(v.claim().id())).append("</code></td><td>")
                    .append(Escape.html(v.claim().where())).append("</td><td>").append(Escape.html(v.claim().statement()))
                    .append("</td><td class=\"").append(cssClass(v.verdict())).append("\"><b>")
                    .append(Escape.html(v.verdictWords())).append("</b></td><td>").append(Escape.html(v.summary()))
                    .append("</td><td>").append(Escape.html(v.paperFigure())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        out.append("<table class=\"small\" id=\"claims-tests\">\n<caption>The tests behind the verdicts</caption>\n")
                .append("<thead><tr><th>claim</th><th>network</th><th>method</th><th>against</th><th>n</th>")
                .append("<th>improvement</th><th>interval</th><th>adjusted p</th><th>MDE</th><th>verdict</th>")
                .append("<th>scale</th><th>notes</th></tr></thead>\n<tbody>\n");
        for (ClaimVerdict v : block.verdicts()) {
            for (ClaimTest t : v.tests()) {
                out.append("<tr><td><code>").append(Escape.html(t.claimId())).append("</code></td><td>")
                        .append(Escape.html(t.network())).append("</td><td>").append(Escape.html(t.method()))
                        .append("</td><td>").append(Escape.html(t.against())).append("</td><td>").append(t.n())
                        .append(t.nAgainst() > 0 ? " vs " + t.nAgainst() : "").append("</td><td>")
                        .append(Escape.html(display(t.metric(), t.improvement()))).append("</td><td>")
                        .append(Escape.html(t.interval().map(i -> "[" + display(t.metric(), OptionalDouble.of(i.low())) + ", "
                                + display(t.metric(), OptionalDouble.of(i.high())) + "]").orElse("-")))
                        .append("</td><td>").append(t.adjustedP().isPresent() ? Numbers.format(t.adjustedP()) : "-")
                        .append("</td><td>").append(Escape.html(display(t.metric(), t.mde()))).append("</td><td class=\"")
                        .append(cssClass(t.verdict())).append("\">").append(Escape.html(t.verdict().describe(t.test())))
                        .append("</td><td>").append(Escape.html(t.scale())).append("</td><td>")
                        .append(Escape.html(String.join("; ", t.notes()))).append("</td></tr>\n");
            }
        }
        out.append("</tbody></table>\n");
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
