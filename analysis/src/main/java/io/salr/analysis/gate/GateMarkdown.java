package io.salr.analysis.gate;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.format.Numbers;
import io.salr.analysis.output.OutputFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code gate.md}: the verdict table in Markdown (GitHub flavour), one row per configuration, then the
 * configurations found on one side only, then the overall verdict. Values are in the metric's displayed
 * unit ({@link GateSettings#scale()}: percent for accuracies), formatted by {@link Numbers}; cells are
 * written verbatim except that {@code |} is escaped.
 */
public final class GateMarkdown implements OutputFormat<GateResult> {

    /** The table's header. */
    public static final List<String> COLUMNS = List.of("dataset", "model", "method", "configuration", "test",
            "seeds (baseline / candidate)", "baseline mean", "candidate mean", "improvement", "lower bound",
            "upper bound", "verdict", "note");

    @Override
    public String fileName() {
        return "gate.md";
    }

    @Override
    public void write(GateResult result, Appendable out) throws IOException {
        GateSettings s = result.settings();
        double scale = s.scale();
        String unit = s.fractions() ? "percent; improvement and bounds in percentage points" : "the metric's units";
        String confidence = Numbers.format(100 * (1 - s.alpha()));
        out.append("## Regression gate: ").append(s.metric()).append("\n\n");
        out.append("Candidate `").append(escape(result.candidateName())).append("` against baseline `")
                .append(escape(result.baselineName())).append("`.\n");
        out.append("Non-inferiority margin ").append(Numbers.format(s.margin())).append(' ')
                .append(s.fractions() ? "percentage points" : "(the metric's units)")
                .append("; one-sided ").append(confidence).append(" % bounds (alpha ").append(Numbers.format(s.alpha()))
                .append("); ").append(s.direction().describe()).append(", so improvement = ")
                .append(s.direction() == Direction.HIGHER_IS_BETTER ? "candidate - baseline" : "baseline - candidate")
                .append(". Values in ").append(unit).append(".\n");
        out.append("PASS: lower bound > -margin. FAIL: upper bound < -margin. INCONCLUSIVE: neither.\n\n");
        line(out, COLUMNS);
        List<String> rule = new ArrayList<>();
        COLUMNS.forEach(c -> rule.add("---"));
        line(out, rule);
        for (GateRow r : result.rows()) {
            Group g = r.group();
            String test = r.bounds().map(b -> b.test().label()).orElse("-");
            line(out, List.of(g.dataset(), g.model(), g.method(), g.configuration(), test,
                    r.nBaseline() + " / " + r.nCandidate(), number(r.baselineMean(), scale),
                    number(r.candidateMean(), scale),
                    r.bounds().map(b -> Numbers.format(b.meanDifference() * scale)).orElse("-"),
                    r.bounds().map(b -> Numbers.format(b.lower() * scale)).orElse("-"),
                    r.bounds().map(b -> Numbers.format(b.upper() * scale)).orElse("-"),
                    "**" + r.verdict() + "**", String.join("; ", r.notes())));
        }
        out.append('\n');
        out.append("Only in the baseline (not compared; counts as INCONCLUSIVE): ")
                .append(groups(result.onlyInBaseline())).append('\n');
        out.append("Only in the candidate (not compared): ").append(groups(result.onlyInCandidate())).append('\n');
        List<String> findings = new ArrayList<>();
        for (GateRow r : result.rows()) {
            r.findings().forEach(f -> findings.add(r.group().describe() + ": " + f));
        }
        out.append("Findings (seeds on one side only): ")
                .append(findings.isEmpty() ? "none" : escape(String.join("; ", findings))).append("\n\n");
        out.append("**Overall: ").append(result.overall().name()).append("** (")
                .append(Long.toString(result.count(Verdict.PASS))).append(" pass, ")
                .append(Long.toString(result.count(Verdict.FAIL))).append(" fail, ")
                .append(Long.toString(result.count(Verdict.INCONCLUSIVE))).append(" inconclusive, ")
                .append(Integer.toString(result.onlyInBaseline().size())).append(" missing from the candidate)\n");
    }

    private static String groups(List<Group> groups) {
        return groups.isEmpty() ? "none" : escape(String.join("; ", groups.stream().map(Group::describe).toList()));
    }

    private static String number(OptionalDouble v, double scale) {
        return v.isPresent() ? Numbers.format(v.getAsDouble() * scale) : "-";
    }

    private static void line(Appendable out, List<String> cells) throws IOException {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(escape(c)).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
