package io.salr.analysis.aggregate;

import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.stats.Iqm;
import io.salr.analysis.stats.MinimumDetectableEffect;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;

/**
 * The aggregation table: one {@link SummaryRow} per (configuration, metric), sorted by configuration
 * ({@link Configuration#compareTo}) and then metric name.
 *
 * @param hyperparameterColumns the extra hyperparameter columns, in input order
 * @param rows                  the rows, sorted
 */
public record Summary(List<String> hyperparameterColumns, List<SummaryRow> rows) {

    public Summary {
        hyperparameterColumns = List.copyOf(hyperparameterColumns);
        rows = List.copyOf(rows);
    }

    /**
     * Aggregates tidy results. Mean, sample standard deviation, median, minimum and maximum come from
     * Tablesaw's {@link DoubleColumn} statistics; the IQM, its interval and the minimum detectable effect
     * from {@link io.salr.analysis.stats}. The IQM interval of each row uses its own seed,
     * {@link Bootstrap#deriveSeed}{@code (seed, "summary", dataset, model, method, hyperparameters, metric)}.
     */
    public static Summary of(TidyResults results, Bootstrap bootstrap, long seed) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Map<Configuration, Map<String, List<Double>>> groups = new TreeMap<>();
        Map<Configuration, Set<List<Object>>> divergedRuns = new HashMap<>();
        for (TidyRow row : results.rows()) {
            Configuration config = Configuration.of(row);
            groups.computeIfAbsent(config, c -> new TreeMap<>())
                    .computeIfAbsent(row.metric(), m -> new ArrayList<>()).add(row.value());
            if (row.isDivergedFlag()) {
                divergedRuns.computeIfAbsent(config, c -> new HashSet<>()).add(List.of(row.study(), row.seed()));
            }
        }
        List<SummaryRow> rows = new ArrayList<>();
        groups.forEach((config, metrics) -> metrics.forEach((metric, values) -> {
            DoubleColumn column = DoubleColumn.create("value", values);
            double[] data = column.asDoubleArray();
            int n = data.length;
            int diverged = divergedRuns.getOrDefault(config, Set.of()).size();
            OptionalDouble std = OptionalDouble.empty();
            OptionalDouble ciLow = OptionalDouble.empty();
            OptionalDouble ciHigh = OptionalDouble.empty();
            OptionalDouble mdeD = OptionalDouble.empty();
            OptionalDouble mde = OptionalDouble.empty();
            List<String> notes = new ArrayList<>();
            if (n >= 2) {
                double s = column.standardDeviation();
                std = OptionalDouble.of(s);
                Bootstrap.Interval ci = bootstrap.iqm(data, Bootstrap.deriveSeed(seed, "summary",
                        config.dataset(), config.model(), config.method(), config.hyperparameterLabel(), metric));
                ciLow = OptionalDouble.of(ci.low());
                ciHigh = OptionalDouble.of(ci.high());
                double d = MinimumDetectableEffect.standardized(n, n);
                mdeD = OptionalDouble.of(d);
                mde = OptionalDouble.of(d * s);
            } else {
                notes.add(Samples.N_TOO_SMALL);
            }
            rows.add(new SummaryRow(config, metric, n, column.mean(), std, column.median(), Iqm.of(data),
                    ciLow, ciHigh, column.min(), column.max(), diverged, mdeD, mde, notes));
        }));
        rows.sort(Comparator.comparing(SummaryRow::configuration).thenComparing(SummaryRow::metric));
        return new Summary(results.hyperparameterColumns(), rows);
    }
}
