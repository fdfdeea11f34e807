package io.salr.reports.tables;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.aggregate.Runs;
import io.salr.analysis.compare.Arm;
import io.salr.analysis.tidy.TidyResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the paper's tables from tidy results.
 *
 * <ul>
 *   <li><b>Table I/III</b> ({@code table-1}): metric {@link MetricSpec#TEST_ACCURACY}; one row per network
 *       (dataset / model), one column per method. A method with several hyperparameter configurations
 *       (e.g. several gammas) gets one column per configuration, headed {@code method [gamma=...;...]}.
 *       Columns are ordered by method name with the reference method last (where the paper puts
 *       SGD-SALR), configurations of one method by gamma and then hyperparameters.</li>
 *   <li><b>Table II</b> ({@code table-2}): the same layout on {@link MetricSpec#FINAL_SHARPNESS}.</li>
 *   <li><b>Table VII</b> ({@code table-7-1}, {@code table-7-2}, ...): one table per method that has at
 *       least two gamma values on some network; columns are its gamma values, and each network (with
 *       its other hyperparameters, if any) gets one row for accuracy and one for final sharpness.</li>
 * </ul>
 * A table whose metric does not occur is left out. Every row is marked by {@link RowComparison}.
 */
public final class PaperTables {

    private PaperTables() {
    }

    /**
     * All tables the results support, in the order I, II, VII.
     *
     * @param results   the tidy results
     * @param reference the reference method (placed last among the columns); need not occur
     */
    public static List<PaperTable> of(TidyResults results, String reference) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(reference, "reference");
        Map<Configuration, Map<String, Arm>> groups = groups(results);
        List<PaperTable> tables = new ArrayList<>();
        methodTable("table-1", "Classification accuracy", MetricSpec.TEST_ACCURACY, groups, reference)
                .ifPresent(tables::add);
        methodTable("table-2", "Sharpness of final solutions", MetricSpec.FINAL_SHARPNESS, groups, reference)
                .ifPresent(tables::add);
        tables.addAll(gammaTables(groups));
        return tables;
    }

    private static Map<Configuration, Map<String, Arm>> groups(TidyResults results) {
        Map<Configuration, Map<String, Arm>> groups = new TreeMap<>();
        for (Runs.Group g : Runs.of(results).groups()) {
            groups.computeIfAbsent(g.configuration(), c -> new TreeMap<>()).put(g.metric(), g.arm());
        }
        return groups;
    }

    /** The configuration with dataset and model blanked: a method with its hyperparameters. */
    private static Configuration column(Configuration c) {
        return new Configuration("", "", c.method(), c.gamma(), c.hyperparameters());
    }

    private static Optional<PaperTable> methodTable(String id, String title, MetricSpec metric,
                                                    Map<Configuration, Map<String, Arm>> groups,
                                                    String reference) {
        Comparator<Configuration> order = Comparator
                .comparing((Configuration c) -> c.method().equals(reference))
                .thenComparing(Comparator.naturalOrder());
        TreeSet<Configuration> columns = new TreeSet<>(order);
        Map<List<String>, Map<Configuration, Arm>> rows = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        groups.forEach((config, metrics) -> {
            Arm values = metrics.get(metric.metric());
            if (values != null) {
                columns.add(column(config));
                rows.computeIfAbsent(List.of(config.dataset(), config.model()), k -> new LinkedHashMap<>())
                        .put(column(config), values);
            }
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> configsPerMethod = new TreeMap<>();
        columns.forEach(c -> configsPerMethod.merge(c.method(), 1, Integer::sum));
        List<String> headers = columns.stream().map(c -> configsPerMethod.get(c.method()) > 1
                ? c.method() + " [" + c.hyperparameterLabel() + "]" : c.method()).toList();
        List<TableRow> tableRows = new ArrayList<>();
        rows.forEach((key, cells) -> {
            List<Optional<Arm>> samples = columns.stream().map(c -> Optional.ofNullable(cells.get(c))).toList();
            tableRows.add(new TableRow(key.get(0) + " / " + key.get(1), metric, RowComparison.markRuns(samples, metric)));
        });
        return Optional.of(new PaperTable(id, title, "Network", headers, tableRows, false));
    }

    private static List<PaperTable> gammaTables(Map<Configuration, Map<String, Arm>> groups) {
        // method -> slice (dataset, model, other hyperparameters) -> gamma -> metrics
        Map<String, Map<Configuration, Map<Double, Map<String, Arm>>>> byMethod = new TreeMap<>();
        groups.forEach((config, metrics) -> {
            if (config.gamma().isPresent()) {
                Configuration slice = new Configuration(config.dataset(), config.model(), config.method(),
                        OptionalDouble.empty(), config.hyperparameters());
                byMethod.computeIfAbsent(config.method(), m -> new TreeMap<>())
                        .computeIfAbsent(slice, s -> new TreeMap<>())
                        .put(config.gamma().getAsDouble(), metrics);
            }
        });
        List<PaperTable> tables = new ArrayList<>();
        byMethod.forEach((method, slices) -> {
            TreeSet<Double> gammas = new TreeSet<>();
            List<TableRow> rows = new ArrayList<>();
            slices.forEach((slice, perGamma) -> {
                if (perGamma.size() >= 2) {
                    gammas.addAll(perGamma.keySet());
                }
            });
            slices.forEach((slice, perGamma) -> {
                if (perGamma.size() < 2) {
                    return;
                }
                String hyper = slice.hyperparameterLabel();
                String label = slice.dataset() + " / " + slice.model() + (hyper.isEmpty() ? "" : " [" + hyper + "]");
                for (MetricSpec metric : List.of(MetricSpec.TEST_ACCURACY, MetricSpec.FINAL_SHARPNESS)) {
                    List<Optional<Arm>> samples = gammas.stream().map(g -> Optional.ofNullable(perGamma.get(g))
                            .map(metrics -> metrics.get(metric.metric()))).toList();
                    if (samples.stream().anyMatch(Optional::isPresent)) {
                        rows.add(new TableRow(label, metric, RowComparison.markRuns(samples, metric)));
                    }
                }
            });
            if (!rows.isEmpty()) {
                List<String> headers = gammas.stream()
                        .map(g -> Configuration.gammaText(OptionalDouble.of(g))).toList();
                tables.add(new PaperTable("table-7-" + (tables.size() + 1),
                        "Sensitivity analysis on gamma: " + method, "gamma", headers, rows, true));
            }
        });
        return tables;
    }
}
