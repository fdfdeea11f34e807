package io.salr.analysis.tidy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A validated set of tidy rows plus the names of the extra hyperparameter columns.
 *
 * <p>Every row carries exactly the hyperparameter names in {@link #hyperparameterColumns()}, and no two
 * rows share (study, dataset, model, method, gamma, hyperparameters, seed, metric).
 *
 * @param hyperparameterColumns the extra columns beyond {@link #REQUIRED_COLUMNS}, in file order
 * @param rows                  the observations, in file order, at least one
 */
public record TidyResults(List<String> hyperparameterColumns, List<TidyRow> rows) {

    /** The columns every tidy CSV must have, in their canonical order (the file may order them freely). */
    public static final List<String> REQUIRED_COLUMNS =
            List.of("study", "dataset", "model", "method", "gamma", "seed", "metric", "value");

    public TidyResults {
        hyperparameterColumns = List.copyOf(hyperparameterColumns);
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new TidyFormatException("tidy results hold no data rows");
        }
        Set<String> names = new TreeSet<>();
        for (String column : hyperparameterColumns) {
            if (REQUIRED_COLUMNS.contains(column) || !names.add(column)) {
                throw new TidyFormatException("hyperparameter column '" + column
                        + "' duplicates another column");
            }
        }
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            TidyRow row = rows.get(i);
            if (!row.hyperparameters().keySet().equals(Set.copyOf(hyperparameterColumns))) {
                throw new TidyFormatException("data row " + (i + 1) + " has hyperparameters "
                        + row.hyperparameters().keySet() + " but the columns are " + hyperparameterColumns);
            }
            List<Object> key = List.of(row.study(), row.dataset(), row.model(), row.method(), row.gamma(),
                    row.hyperparameters(), row.seed(), row.metric());
            Integer previous = seen.putIfAbsent(key, i + 1);
            if (previous != null) {
                throw new TidyFormatException("data rows " + previous + " and " + (i + 1)
                        + " are duplicates: both give metric '" + row.metric() + "' for seed " + row.seed()
                        + " of method '" + row.method() + "' on dataset '" + row.dataset() + "', model '"
                        + row.model() + "'");
            }
        }
    }

    /** Rows built elsewhere (e.g. by a store reader), validated the same way as a parsed file. */
    public static TidyResults of(List<String> hyperparameterColumns, List<TidyRow> rows) {
        return new TidyResults(hyperparameterColumns, rows);
    }

    /**
     * Reads a tidy CSV (UTF-8, comma separated, first line is the header; quoted fields may hold commas,
     * quotes and line breaks). Cells are kept verbatim apart from numbers, which are parsed with
     * {@link Double#parseDouble} / {@link Long#parseLong} after trimming (locale independent).
     *
     * @throws TidyFormatException for an empty file, a file without data rows, missing columns (all named),
     *                             a non-numeric or non-finite value/seed/gamma (row, column and value named),
     *                             a blank name cell, a divergence flag other than 0/1, or duplicate rows
     */
    public static TidyResults read(Path csv) {
        Objects.requireNonNull(csv, "csv");
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tidy CSV " + csv, e);
        }
        if (text.isBlank()) {
            throw new TidyFormatException("tidy CSV " + csv + " is empty: expected a header with columns "
                    + String.join(",", REQUIRED_COLUMNS));
        }
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builderFromString(text)
                    .header(true)
                    .columnTypes(name -> ColumnType.STRING)
                    // only the empty cell is missing: "NA", "NaN" or "-" stay verbatim text
                    .missingValueIndicator("")
                    .maxCharsPerColumn(1 << 16)
                    .build());
        } catch (RuntimeException e) {
            throw new TidyFormatException("tidy CSV " + csv + " cannot be parsed: " + e.getMessage());
        }
        List<String> header = table.columnNames();
        List<String> missing = new ArrayList<>();
        for (String required : REQUIRED_COLUMNS) {
            if (!header.contains(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new TidyFormatException("tidy CSV " + csv + " lacks required column(s) "
                    + String.join(", ", missing) + "; its header is " + String.join(",", header));
        }
        if (table.rowCount() == 0) {
            throw new TidyFormatException("tidy CSV " + csv + " has a header but no data rows");
        }
        List<String> extra = new ArrayList<>();
        for (String name : header) {
            if (!REQUIRED_COLUMNS.contains(name)) {
                extra.add(name);
            }
        }
        List<TidyRow> rows = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            int rowNumber = i + 1;
            Map<String, String> hyper = new LinkedHashMap<>();
            for (String name : extra) {
                hyper.put(name, cell(table, name, i));
            }
            String metric = nonBlank(table, "metric", i);
            double value = finite(table, "value", i);
            if (OutcomeFlag.isFlag(metric) && value != 0.0 && value != 1.0) {
                throw new TidyFormatException(rowNumber, "value", cell(table, "value", i),
                        "is not an outcome flag: metric '" + metric + "' must be 0 or 1");
            }
            String gammaText = cell(table, "gamma", i);
            OptionalDouble gamma = gammaText.isBlank() ? OptionalDouble.empty()
                    : OptionalDouble.of(finite(table, "gamma", i));
            rows.add(new TidyRow(cell(table, "study", i), nonBlank(table, "dataset", i),
                    nonBlank(table, "model", i), nonBlank(table, "method", i), gamma, seed(table, i),
                    metric, value, hyper));
        }
        return new TidyResults(extra, rows);
    }

    /**
     * Several result sets as one: the union of their hyperparameter columns (a row without a column gets the
     * empty text, as in an export of a sweep that does not vary it), rows in input order.
     *
     * @throws TidyFormatException when two inputs hold the same observation (e.g. one store given twice)
     */
    public static TidyResults merge(List<TidyResults> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        parts.forEach(p -> columns.addAll(p.hyperparameterColumns()));
        List<TidyRow> rows = new ArrayList<>();
        for (TidyResults p : parts) {
            for (TidyRow r : p.rows()) {
                Map<String, String> h = new LinkedHashMap<>();
                for (String c : columns) {
                    h.put(c, r.hyperparameters().getOrDefault(c, ""));
                }
                rows.add(new TidyRow(r.study(), r.dataset(), r.model(), r.method(), r.gamma(), r.seed(), r.metric(),
                        r.value(), h));
            }
        }
        return new TidyResults(List.copyOf(columns), rows);
    }

    /** The distinct method names, sorted. */
    public Set<String> methods() {
        Set<String> methods = new TreeSet<>();
        rows.forEach(r -> methods.add(r.method()));
        return methods;
    }

    private static String cell(Table table, String column, int row) {
        String text = table.stringColumn(column).get(row);
        return text == null ? "" : text;
    }

    private static String nonBlank(Table table, String column, int row) {
        String text = cell(table, column, row);
        if (text.isBlank()) {
            throw new TidyFormatException(row + 1, column, text, "is blank: a name is required");
        }
        return text;
    }

    private static double finite(Table table, String column, int row) {
        String text = cell(table, column, row);
        double parsed;
        try {
            parsed = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TidyFormatException(row + 1, column, text, "is not a number");
        }
        if (!Double.isFinite(parsed)) {
            throw new TidyFormatException(row + 1, column, text, "is not a finite number");
        }
        return parsed;
    }

    private static long seed(Table table, int row) {
        String text = cell(table, "seed", row);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new TidyFormatException(row + 1, "seed", text, "is not an integer");
        }
    }
}
