package io.salr.analysis.significance;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.aggregate.Runs;
import io.salr.analysis.compare.Arm;
import io.salr.analysis.compare.Compare;
import io.salr.analysis.compare.Comparison;
import io.salr.analysis.compare.Family;
import io.salr.analysis.compare.Hypothesis;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.tidy.TidyResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every method compared with one reference method, per dataset, model and metric ({@link Compare}, two-sided
 * difference at alpha 0.05), Holm-adjusted over the family the user chose ({@link FamilyScope}).
 *
 * @param reference the reference method
 * @param scope     the family scope of the Holm adjustment
 * @param rows      one row per (dataset, model, metric, method configuration other than the reference),
 *                  sorted by dataset, model, metric, configuration
 */
public record SignificanceTable(String reference, FamilyScope scope, List<SignificanceRow> rows) {

    /** The reference method used when none is named. */
    public static final String DEFAULT_REFERENCE = "sgd-salr";

    public SignificanceTable {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(scope, "scope");
        rows = List.copyOf(rows);
    }

    /** {@link #compute(TidyResults, Optional, Metrics, FamilyScope)} with the built-in metrics and per-metric families. */
    public static SignificanceTable compute(TidyResults results, Optional<String> reference) {
        return compute(results, reference, Metrics.BUILT_IN, FamilyScope.METRIC);
    }

    /**
     * Computes the table.
     *
     * @param reference the reference method, or empty for {@value #DEFAULT_REFERENCE}
     * @throws UnknownReferenceException when the reference method does not occur in the results
     * @throws IllegalArgumentException  when the reference has several configurations in one dataset,
     *                                   model and metric (which one to compare against is ambiguous)
     */
    public static SignificanceTable compute(TidyResults results, Optional<String> reference, Metrics metrics,
                                            FamilyScope scope) {
        Objects.requireNonNull(results, "results");
        String ref = reference.orElse(DEFAULT_REFERENCE);
        Set<String> methods = results.methods();
        if (!methods.contains(ref)) {
            throw new UnknownReferenceException(ref, methods, reference.isEmpty());
        }
        Runs runs = Runs.of(results);
        Map<List<String>, Map<Configuration, Arm>> slices = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Runs.Group group : runs.groups()) {
            slices.computeIfAbsent(List.of(group.configuration().dataset(), group.configuration().model(),
                    group.metric()), k -> new TreeMap<>()).put(group.configuration(), group.arm());
        }
        List<SignificanceRow> rows = new ArrayList<>();
        slices.forEach((key, configs) -> rows.addAll(slice(key, configs, ref, metrics, scope)));
        // Holm over each family
        Map<String, List<Integer>> families = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            families.computeIfAbsent(rows.get(i).family(), f -> new ArrayList<>()).add(i);
        }
        families.forEach((family, indices) -> {
            List<Comparison> adjusted = Family.holm(indices.stream().map(i -> rows.get(i).comparison()).toList());
            int size = Family.size(adjusted);
            for (int j = 0; j < indices.size(); j++) {
                rows.set(indices.get(j), rows.get(indices.get(j)).with(adjusted.get(j), size));
            }
        });
        return new SignificanceTable(ref, scope, rows);
    }

    /** The family label of a comparison on (dataset, model, metric). */
    static String family(FamilyScope scope, String dataset, String model, String metric) {
        if (Metrics.isCost(metric)) {
            return "cost: " + dataset + "/" + model + "/" + metric;
        }
        return switch (scope) {
            case METRIC -> "metric: " + dataset + "/" + model + "/" + metric;
            case NETWORK -> "network: " + dataset + "/" + model;
            case STUDY -> "study: " + metric;
        };
    }

    private static List<SignificanceRow> slice(List<String> key, Map<Configuration, Arm> configs, String ref,
                                               Metrics metrics, FamilyScope scope) {
        List<Configuration> refConfigs = configs.keySet().stream().filter(c -> c.method().equals(ref)).toList();
        if (refConfigs.size() > 1) {
            // control runs (the reference run for a SALR method's iterations) are compared, not compared against
            List<Configuration> ordinary = refConfigs.stream()
                    .filter(c -> c.hyperparameters().getOrDefault("horizon", "").isEmpty()).toList();
            if (ordinary.size() == 1) {
                refConfigs = ordinary;
            }
        }
        if (refConfigs.isEmpty()) {
            return List.of();
        }
        if (refConfigs.size() > 1) {
            throw new IllegalArgumentException("reference method '" + ref + "' has " + refConfigs.size()
                    + " hyperparameter configurations on dataset '" + key.get(0) + "', model '" + key.get(1)
                    + "', metric '" + key.get(2) + "' ("
                    + String.join(" | ", refConfigs.stream().map(Configuration::hyperparameterLabel).toList())
                    + "); keep one before comparing");
        }
        Arm refArm = configs.get(refConfigs.get(0));
        Map<String, Integer> configsPerMethod = new TreeMap<>();
        configs.keySet().forEach(c -> configsPerMethod.merge(c.method(), 1, Integer::sum));
        String family = family(scope, key.get(0), key.get(1), key.get(2));
        List<SignificanceRow> rows = new ArrayList<>();
        for (Map.Entry<Configuration, Arm> entry : configs.entrySet()) {
            Configuration config = entry.getKey();
            if (config.equals(refConfigs.get(0))) {
                continue;
            }
            String label = configsPerMethod.get(config.method()) > 1
                    ? config.method() + "[" + config.hyperparameterLabel() + "]" : config.method();
            Comparison c = Compare.of(entry.getValue(), refArm, metrics.direction(key.get(2)), Hypothesis.DIFFERENCE);
            rows.add(new SignificanceRow(key.get(0), key.get(1), key.get(2), label, config, ref, family, 0, c));
        }
        return rows;
    }
}
