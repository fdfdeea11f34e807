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
 * The tables as HTML. {@link #write} produces a standalone page ({@code tables.html}, no external
 * resources); {@link #writeTable} and {@link #legend()} produce the fragments that the report's
 * {@code index.html} embeds. Each table is a {@code <table id="<id>">} with a caption, column headers
 * and row headers; best cells are {@code <strong>}, marks are {@code <sup>} daggers and section signs
 * with a {@code title} attribute saying what they mean. Input strings pass through {@link Escape#html}.
 */
public final class HtmlTables implements OutputFormat<List<PaperTable>> {

    /** The table style, shared with the report page. */
    public static final String CSS = "table{border-collapse:collapse;margin:1em 0}"
            + "caption{caption-side:top;font-weight:bold;text-align:left;padding-bottom:.3em}"
            + "th,td{padding:.25em .7em}thead th{border-top:2px solid #000;border-bottom:1px solid #000}"
            + "tbody tr:last-child th,tbody tr:last-child td{border-bottom:2px solid #000}"
            + "td{text-align:right;font-variant-numeric:tabular-nums}th[scope=row]{text-align:left;font-weight:normal}";

    @Override
    public String fileName() {
        return "tables.html";
    }

    @Override
    public void write(List<PaperTable> tables, Appendable out) throws IOException {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>salr report: tables</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        for (PaperTable table : tables) {
            writeTable(table, out);
        }
        out.append("<p class=\"legend\">").append(legend()).append("</p>\n</body>\n</html>\n");
    }

    /** One table as an HTML fragment. */
    public void writeTable(PaperTable table, Appendable out) throws IOException {
        out.append("<table id=\"").append(Escape.html(table.id())).append("\">\n<caption>")
                .append(caption(table)).append("</caption>\n<thead><tr><th scope=\"col\">")
                .append(Escape.html(table.corner())).append("</th>");
        for (String column : table.columns()) {
            out.append("<th scope=\"col\">").append(Escape.html(column)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (TableRow row : table.rows()) {
            out.append("<tr><th scope=\"row\">").append(Escape.html(row.label()));
            if (table.metricPerRow()) {
                out.append(": ").append(quantity(row.metric()));
            }
            out.append("</th>");
            for (Optional<Cell> cell : row.cells()) {
                out.append("<td>").append(cell.map(c -> cell(c, row.metric())).orElse("&ndash;")).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The legend as HTML text. */
    public String legend() {
        return Legend.sentence("<strong>Bold</strong>", "<sup>&dagger;</sup>", "<sup>&sect;</sup>", "&ndash;")
                .replace("\"n too small\"", "&ldquo;n too small&rdquo;");
    }

    private static String caption(PaperTable table) {
        String title = Escape.html(table.title());
        return table.metricPerRow() ? title : title + ": " + quantity(table.metric());
    }

    private static String quantity(MetricSpec metric) {
        String name = Escape.html(metric.name());
        return switch (metric.unit()) {
            case PERCENT -> name + " (%)";
            case THOUSANDTHS -> name + " (&times;10<sup>&minus;3</sup>)";
            case NONE -> name;
        };
    }

    private static String cell(Cell cell, MetricSpec metric) {
        String text = CellText.core(cell, metric);
        return switch (cell.comparison()) {
            case BEST -> "<strong>" + text + "</strong>";
            case NOT_SIGNIFICANT -> text + "<sup title=\"not significantly different from the best\">&dagger;</sup>";
            case NOT_TESTED -> text + "<sup title=\"not tested: " + Escape.html(cell.reason().orElseThrow())
                    + "\">&sect;</sup>";
            case SIGNIFICANT -> text;
        };
    }
}
