package io.salr.reports.tables;

import java.util.List;
import java.util.Objects;

/**
 * A table in the layout of the paper's Tables I, II and VII: row labels, column headers and cells of
 * {@code mean (std)}. All strings are verbatim; each format escapes them.
 *
 * @param id          a short identifier, e.g. {@code table-1-test_accuracy}, usable as a file or anchor name
 * @param title       the caption, e.g. {@code Classification accuracy}
 * @param corner      the header of the row-label column, e.g. {@code Network}
 * @param columns     the column headers (methods, or gamma values)
 * @param rows        the rows, each with one cell slot per column
 * @param metricPerRow whether rows show different metrics (then each row header names its metric and
 *                    unit); otherwise all rows show the same metric, named in the caption
 */
public record PaperTable(String id, String title, String corner, List<String> columns, List<TableRow> rows,
                         boolean metricPerRow) {

    public PaperTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(corner, "corner");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (columns.isEmpty() || rows.isEmpty()) {
            throw new IllegalArgumentException("table '" + id + "' needs at least one column and one row");
        }
        for (TableRow row : rows) {
            if (row.cells().size() != columns.size()) {
                throw new IllegalArgumentException("row '" + row.label() + "' of table '" + id + "' has "
                        + row.cells().size() + " cells for " + columns.size() + " columns");
            }
        }
        if (!metricPerRow && rows.stream().map(TableRow::metric).distinct().count() != 1) {
            throw new IllegalArgumentException("table '" + id + "' mixes metrics but is not marked metricPerRow");
        }
    }

    /** The metric of the first row: the metric of every row unless {@link #metricPerRow()}. */
    public MetricSpec metric() {
        return rows.get(0).metric();
    }
}
