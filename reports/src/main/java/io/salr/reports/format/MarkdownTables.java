package io.salr.reports.format;

import io.salr.analysis.output.OutputFormat;
import io.salr.reports.tables.Cell;
import io.salr.reports.tables.MetricSpec;
import io.salr.reports.tables.PaperTable;
import io.salr.reports.tables.TableRow;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The tables as GitHub-flavoured Markdown ({@code tables.md}): per table a level-3 heading with the
 * caption, a pipe table (row labels left-aligned, numbers right-aligned), and at the end the legend.
 * Best cells are {@code **bold**}; marks are the Unicode dagger and section signs. Input strings pass
 * through {@link Escape#markdown}.
 */
public final class MarkdownTables implements OutputFormat<List<PaperTable>> {

    @Override
    public String fileName() {
        return "tables.md";
    }

    @Override
    public void write(List<PaperTable> tables, Appendable out) throws IOException {
        for (PaperTable table : tables) {
            out.append("### ").append(caption(table)).append("\n\n");
            out.append("| ").append(Escape.markdown(table.corner()));
            for (String column : table.columns()) {
                out.append(" | ").append(Escape.markdown(column));
            }
            out.append(" |\n|:---");
            for (int i = 0; i < table.columns().size(); i++) {
                out.append("|---:");
            }
            out.append("|\n");
            for (TableRow row : table.rows()) {
                out.append("| ").append(Escape.markdown(row.label()));
                if (table.metricPerRow()) {
                    out.append(": ").append(quantity(row.metric()));
                }
                for (Optional<Cell> cell : row.cells()) {
                    out.append(" | ").append(cell.map(c -> cell(c, row.metric())).orElse("\u2013"));
                }
                out.append(" |\n");
            }
            out.append('\n');
        }
        out.append(Legend.sentence("**Bold**", "\u2020", "\u00a7", "\u2013")).append('\n');
    }

    private static String caption(PaperTable table) {
        String title = Escape.markdown(table.title());
        return table.metricPerRow() ? title : title + ": " + quantity(table.metric());
    }

    private static String quantity(MetricSpec metric) {
        String name = Escape.markdown(metric.name());
        return switch (metric.unit()) {
            case PERCENT -> name + " (%)";
            case THOUSANDTHS -> name + " (\u00d710\u207b\u00b3)";
            case NONE -> name;
        };
    }

    private static String cell(Cell cell, MetricSpec metric) {
        String text = CellText.core(cell, metric);
        return switch (cell.comparison()) {
            case BEST -> "**" + text + "**";
            case NOT_SIGNIFICANT -> text + "\u2020";
            case NOT_TESTED -> text + "\u00a7";
            case SIGNIFICANT -> text;
        };
    }
}
