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
        Set<String> columns = Set.copyOf(hyperparameterColumns);
        Map<String, String> checked = null; // rows read from a file share their maps: check each map once
        for (int i = 0; i < rows.size(); i++) {
            TidyRow row = rows.get(i);
            if (row.hyperparameters() != checked && !row.hyperparameters().keySet().equals(columns)) {
                throw new TidyFormatException("data row " + (i + 1) + " has hyperparameters "
                        + row.hyperparameters().keySet() + " but the columns are " + hyperparameterColumns);
            }
            checked = row.hyperparameters();
        }
        rejectDuplicates(rows);
    }

    /**
     * Refuses two rows with the same (study, dataset, model, method, gamma, hyperparameters, seed, metric), naming
     * the first such pair in file order. A 64-bit hash of each row's key finds the candidates in O(n log n) time
     * and 16 bytes per row; only rows whose hash occurs twice are compared in full.
     */
    private static void rejectDuplicates(List<TidyRow> rows) {
        long[] hashes = new long[rows.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = keyHash(rows.get(i));
        }
        long[] sorted = hashes.clone();
        java.util.Arrays.sort(sorted);
        Set<Long> repeated = new java.util.HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                repeated.add(sorted[i]);
            }
        }
        if (repeated.isEmpty()) {
            return;
        }
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < hashes.length; i++) {
            if (!repeated.contains(hashes[i])) {
                continue;
            }
            TidyRow row = rows.get(i);
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

    private static long keyHash(TidyRow r) {
        long h = 17;
        h = mix(h, r.study().hashCode());
        h = mix(h, r.dataset().hashCode());
        h = mix(h, r.model().hashCode());
        h = mix(h, r.method().hashCode());
        h = mix(h, r.gamma().hashCode());
        h = mix(h, r.hyperparameters().hashCode());
        h = mix(h, Long.hashCode(r.seed()) ^ (r.seed() >>> 32));
        h = mix(h, r.metric().hashCode());
        // SplitMix64's finalizer spreads the bits
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private static long mix(long h, long v) {
        return (h ^ v) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    /** Rows built elsewhere (e.g. by a store reader), validated the same way as a parsed file. */
    public static TidyResults of(List<String> hyperparameterColumns, List<TidyRow> rows) {
        return new TidyResults(hyperparameterColumns, rows);
    }

    /** Receives the progress of {@link #read(Path, ReadProgress)}. */
    @FunctionalInterface
    public interface ReadProgress {
        /** No progress reported. */
        ReadProgress NONE = (rows, fraction) -> {
        };

        /**
         * Called every {@link #EVERY} rows and once at the end.
         *
         * @param rows     data rows read so far
         * @param fraction the part of the file read, in [0, 1]
         */
        void rowsRead(long rows, double fraction);

        /** How many rows apart the calls are. */
        long EVERY = 100_000;
    }

    /** {@link #read(Path, ReadProgress)} without progress. */
    public static TidyResults read(Path csv) {
        return read(csv, ReadProgress.NONE);
    }

    /**
     * Reads a tidy CSV (UTF-8, comma separated, first line is the header; quoted fields may hold commas, quotes
     * and line breaks; spaces around unquoted fields and blank lines are dropped). Cells are kept verbatim apart
     * from numbers, which are parsed with {@link Double#parseDouble} / {@link Long#parseLong} after trimming
     * (locale independent).
     *
     * <p>The file is streamed one record at a time, and repeated texts (names, hyperparameter values, gammas)
     * are shared, so memory grows with the rows kept (about 60 bytes each), not with the file's text: a
     * 1.3-million-row export is held in well under 200 MB.
     *
     * @throws TidyFormatException for an empty file, a file without data rows, missing columns (all named),
     *                             a row with another number of cells than the header, a non-numeric or
     *                             non-finite value/seed/gamma (row, column and value named), a blank name cell,
     *                             a divergence flag other than 0/1, or duplicate rows
     */
    public static TidyResults read(Path csv, ReadProgress progress) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(progress, "progress");
        long size;
        try {
            size = Math.max(1, Files.size(csv));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tidy CSV " + csv + ": " + e.getMessage(), e);
        }
        try (java.io.Reader reader = new java.io.InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(reader);
            List<String> header = records.next();
            if (header == null) {
                throw new TidyFormatException("tidy CSV " + csv + " is empty: expected a header with columns "
                        + String.join(",", REQUIRED_COLUMNS));
            }
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1).trim());
            }
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
            if (new java.util.HashSet<>(header).size() != header.size()) {
                throw new TidyFormatException("tidy CSV " + csv + " names a column twice; its header is "
                        + String.join(",", header));
            }
            int study = header.indexOf("study");
            int dataset = header.indexOf("dataset");
            int model = header.indexOf("model");
            int method = header.indexOf("method");
            int gammaColumn = header.indexOf("gamma");
            int seedColumn = header.indexOf("seed");
            int metricColumn = header.indexOf("metric");
            int valueColumn = header.indexOf("value");
            List<String> extra = new ArrayList<>();
            List<Integer> extraAt = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!REQUIRED_COLUMNS.contains(header.get(i))) {
                    extra.add(header.get(i));
                    extraAt.add(i);
                }
            }
            Map<String, String> texts = new HashMap<>();
            Map<String, OptionalDouble> gammas = new HashMap<>();
            Map<List<String>, Map<String, String>> hyperMaps = new HashMap<>();
            List<TidyRow> rows = new ArrayList<>();
            List<String> cells;
            while ((cells = records.next()) != null) {
                int rowNumber = rows.size() + 1;
                if (cells.size() != header.size()) {
                    throw new TidyFormatException("tidy CSV " + csv + ": data row " + rowNumber + " has " + cells.size()
                            + " cells but the header has " + header.size() + " columns");
                }
                List<String> hyperValues = new ArrayList<>(extraAt.size());
                for (int at : extraAt) {
                    hyperValues.add(intern(texts, cells.get(at)));
                }
                Map<String, String> hyper = hyperMaps.get(hyperValues);
                if (hyper == null) {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int k = 0; k < extra.size(); k++) {
                        m.put(extra.get(k), hyperValues.get(k));
                    }
                    hyper = TidyRow.frozen(m);
                    hyperMaps.put(List.copyOf(hyperValues), hyper);
                }
                String metric = intern(texts, nonBlank(cells, metricColumn, "metric", rowNumber));
                String valueText = cells.get(valueColumn);
                double value = finite(valueText, "value", rowNumber);
                if (OutcomeFlag.isFlag(metric) && value != 0.0 && value != 1.0) {
                    throw new TidyFormatException(rowNumber, "value", valueText,
                            "is not an outcome flag: metric '" + metric + "' must be 0 or 1");
                }
                String gammaText = cells.get(gammaColumn);
                OptionalDouble gamma = gammas.get(gammaText);
                if (gamma == null) {
                    gamma = gammaText.isBlank() ? OptionalDouble.empty()
                            : OptionalDouble.of(finite(gammaText, "gamma", rowNumber));
                    gammas.put(gammaText, gamma);
                }
                rows.add(new TidyRow(intern(texts, cells.get(study)), intern(texts, nonBlank(cells, dataset, "dataset", rowNumber)),
                        intern(texts, nonBlank(cells, model, "model", rowNumber)),
                        intern(texts, nonBlank(cells, method, "method", rowNumber)), gamma,
                        seed(cells.get(seedColumn), rowNumber), metric, value, hyper));
                if (rows.size() % ReadProgress.EVERY == 0) {
                    progress.rowsRead(rows.size(), Math.min(1, records.charsRead() / (double) size));
                }
            }
            if (rows.isEmpty()) {
                throw new TidyFormatException("tidy CSV " + csv + " has a header but no data rows");
            }
            progress.rowsRead(rows.size(), 1);
            return new TidyResults(extra, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tidy CSV " + csv + ": " + e.getMessage(), e);
        }
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

    private static String intern(Map<String, String> texts, String text) {
        String known = texts.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    private static String nonBlank(List<String> cells, int column, String name, int row) {
        String text = cells.get(column);
        if (text.isBlank()) {
            throw new TidyFormatException(row, name, text, "is blank: a name is required");
        }
        return text;
    }

    private static double finite(String text, String column, int row) {
        double parsed;
        try {
            parsed = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TidyFormatException(row, column, text, "is not a number");
        }
        if (!Double.isFinite(parsed)) {
            throw new TidyFormatException(row, column, text, "is not a finite number");
        }
        return parsed;
    }

    private static long seed(String text, int row) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new TidyFormatException(row, "seed", text, "is not an integer");
        }
    }
}
