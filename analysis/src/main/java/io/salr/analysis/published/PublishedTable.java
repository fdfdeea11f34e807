package io.salr.analysis.published;

import io.salr.analysis.metric.Metrics;
import io.salr.analysis.tidy.TidyFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A published table as summary statistics: a CSV with the columns {@code dataset,model,method,metric,mean,std,n}
 * (any order, extra columns ignored). Accuracies must be fractions, as everywhere in the analysis
 * ({@link Metrics#checkFraction}): the paper's "93.25 (0.03)" is {@code 0.9325,0.0003}.
 *
 * @param rows the rows, in file order
 */
public record PublishedTable(List<PublishedRow> rows) {

    /** The required columns. */
    public static final List<String> COLUMNS = List.of("dataset", "model", "method", "metric", "mean", "std", "n");

    public PublishedTable {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new TidyFormatException("the summary table holds no rows");
        }
    }

    /**
     * Reads and validates a summary CSV.
     *
     * @throws TidyFormatException naming the row, column and value for a missing column, a number that does not
     *                             parse, a negative std, an n below 1 or a duplicate row
     * @throws io.salr.analysis.metric.InvalidMetricException for an accuracy that is not a fraction
     */
    public static PublishedTable read(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read summary table " + csv + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new TidyFormatException("summary table " + csv + " is empty: expected a header with columns "
                    + String.join(",", COLUMNS));
        }
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builderFromString(text).header(true)
                    .columnTypes(name -> ColumnType.STRING).missingValueIndicator("").build());
        } catch (RuntimeException e) {
            // Tablesaw's own exceptions (a row with another number of cells, an unterminated quote, ...)
            throw new TidyFormatException("summary table " + csv + " is not a well-formed CSV: " + e.getMessage());
        }
        List<String> missing = COLUMNS.stream().filter(c -> !table.columnNames().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new TidyFormatException("summary table " + csv + " lacks column(s) " + String.join(", ", missing)
                    + "; its header is " + String.join(",", table.columnNames()));
        }
        List<PublishedRow> rows = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < table.rowCount(); i++) {
            int row = i + 1;
            String dataset = name(table, "dataset", i);
            String model = name(table, "model", i);
            String method = name(table, "method", i);
            String metric = name(table, "metric", i);
            double mean = number(table, "mean", i);
            double std = number(table, "std", i);
            if (std < 0) {
                throw new TidyFormatException(row, "std", cell(table, "std", i), "is negative");
            }
            String nText = cell(table, "n", i);
            int n;
            try {
                n = Integer.parseInt(nText.trim());
            } catch (NumberFormatException e) {
                throw new TidyFormatException(row, "n", nText, "is not an integer");
            }
            if (n < 1) {
                throw new TidyFormatException(row, "n", nText, "must be at least 1");
            }
            Metrics.checkFraction(metric, mean, "summary row " + row + ", column mean");
            Metrics.checkFraction(metric, std, "summary row " + row + ", column std");
            if (!seen.add(List.of(dataset, model, method, metric))) {
                throw new TidyFormatException(row, "method", method, "appears twice for " + dataset + "/" + model
                        + "/" + metric);
            }
            rows.add(new PublishedRow(dataset, model, method, metric, mean, std, n));
        }
        return new PublishedTable(rows);
    }

    private static String cell(Table t, String column, int row) {
        String s = t.stringColumn(column).get(row);
        return s == null ? "" : s;
    }

    private static String name(Table t, String column, int row) {
        String s = cell(t, column, row);
        if (s.isBlank()) {
            throw new TidyFormatException(row + 1, column, s, "is blank: a name is required");
        }
        return s;
    }

    private static double number(Table t, String column, int row) {
        String s = cell(t, column, row);
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TidyFormatException(row + 1, column, s, "is not a finite number");
    }
}
