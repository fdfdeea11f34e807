package io.salr.analysis.aggregate;

import io.salr.analysis.compare.Arm;
import io.salr.analysis.tidy.OutcomeFlag;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tidy rows regrouped as runs: per configuration and ordinary metric, the values of the runs that finished
 * and the count of failed runs per {@link OutcomeFlag}. A run is a (study, seed) of a configuration; it failed
 * when one of its flags is 1, and then none of its values is a sample (not even a recorded cost). A
 * configuration whose runs all failed still gets a group for every metric its network reports, with no values.
 *
 * @param groups one per (configuration, metric), sorted by configuration and metric
 */
public record Runs(List<Group> groups) {

    /**
     * One configuration's runs on one metric.
     *
     * @param configuration the configuration
     * @param metric        the metric (never an outcome flag)
     * @param arm           finished values with their seeds, and failures per flag
     */
    public record Group(Configuration configuration, String metric, Arm arm) {
        public Group {
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(arm, "arm");
        }
    }

    public Runs {
        groups = List.copyOf(groups);
    }

    /** Regroups tidy results. */
    public static Runs of(TidyResults results) {
        Map<Configuration, Map<List<Object>, OutcomeFlag>> failedRuns = new TreeMap<>();
        for (TidyRow row : results.rows()) {
            row.failure().ifPresent(flag -> failedRuns.computeIfAbsent(Configuration.of(row), c -> new LinkedHashMap<>())
                    .putIfAbsent(List.of(row.study(), row.seed()), flag));
        }
        Map<Configuration, Map<String, List<TidyRow>>> values = new TreeMap<>();
        Map<List<String>, Set<String>> metricsPerNetwork = new TreeMap<>(java.util.Comparator
                .<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (TidyRow row : results.rows()) {
            if (row.isOutcomeFlag()) {
                continue;
            }
            Configuration c = Configuration.of(row);
            metricsPerNetwork.computeIfAbsent(List.of(c.dataset(), c.model()), k -> new TreeSet<>()).add(row.metric());
            if (failedRuns.getOrDefault(c, Map.of()).containsKey(List.of(row.study(), row.seed()))) {
                continue;
            }
            values.computeIfAbsent(c, k -> new TreeMap<>()).computeIfAbsent(row.metric(), m -> new ArrayList<>()).add(row);
        }
        Set<Configuration> configs = new TreeSet<>(values.keySet());
        configs.addAll(failedRuns.keySet());
        List<Group> groups = new ArrayList<>();
        for (Configuration c : configs) {
            Map<OutcomeFlag, Integer> failures = new EnumMap<>(OutcomeFlag.class);
            failedRuns.getOrDefault(c, Map.of()).values().forEach(f -> failures.merge(f, 1, Integer::sum));
            Map<String, List<TidyRow>> byMetric = values.getOrDefault(c, Map.of());
            for (String metric : metricsPerNetwork.getOrDefault(List.of(c.dataset(), c.model()), Set.of())) {
                List<TidyRow> rows = byMetric.getOrDefault(metric, List.of());
                if (rows.isEmpty() && failures.isEmpty()) {
                    continue;
                }
                List<TidyRow> sorted = rows.stream().sorted(java.util.Comparator.comparing(TidyRow::study)
                        .thenComparingLong(TidyRow::seed)).toList();
                double[] v = sorted.stream().mapToDouble(TidyRow::value).toArray();
                List<Long> seeds = sorted.stream().map(TidyRow::seed).toList();
                boolean unique = new HashSet<>(seeds).size() == seeds.size();
                groups.add(new Group(c, metric, new Arm(v, unique ? seeds : List.of(), failures)));
            }
        }
        return new Runs(groups);
    }
}
