package io.salr.analysis.significance;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.stats.EffectSizes;
import io.salr.analysis.stats.Holm;
import io.salr.analysis.stats.InsufficientDataException;
import io.salr.analysis.stats.MannWhitneyExact;
import io.salr.analysis.stats.MinimumDetectableEffect;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.stats.WelchTest;
import io.salr.analysis.stats.WilcoxonSignedRank;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Every method compared with one reference method, per dataset, model and metric.
 *
 * @param reference the reference method
 * @param rows      one row per (dataset, model, metric, method configuration other than the reference),
 *                  sorted by dataset, model, metric, configuration
 */
public record SignificanceTable(String reference, List<SignificanceRow> rows) {

    /** The reference method used when none is named. */
    public static final String DEFAULT_REFERENCE = "sgd-salr";

    public SignificanceTable {
        Objects.requireNonNull(reference, "reference");
        rows = List.copyOf(rows);
    }

    /**
     * Computes the table. Each row's bootstrap interval uses its own seed,
     * {@link Bootstrap#deriveSeed}{@code (seed, "significance", dataset, model, metric, method label)}.
     *
     * @param reference the reference method, or empty for {@value #DEFAULT_REFERENCE}
     * @throws UnknownReferenceException when the reference method does not occur in the results
     * @throws IllegalArgumentException  when the reference has several configurations in one dataset,
     *                                   model and metric (which one to compare against is ambiguous)
     */
    public static SignificanceTable compute(TidyResults results, Optional<String> reference, Bootstrap bootstrap,
                                            long seed) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(bootstrap, "bootstrap");
        String ref = reference.orElse(DEFAULT_REFERENCE);
        Set<String> methods = results.methods();
        if (!methods.contains(ref)) {
            throw new UnknownReferenceException(ref, methods, reference.isEmpty());
        }
        Map<List<String>, Map<Configuration, List<TidyRow>>> slices = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (TidyRow row : results.rows()) {
            if (TidyRow.DIVERGED.equals(row.metric())) {
                continue;
            }
            slices.computeIfAbsent(List.of(row.dataset(), row.model(), row.metric()), k -> new TreeMap<>())
                    .computeIfAbsent(Configuration.of(row), c -> new ArrayList<>()).add(row);
        }
        List<SignificanceRow> rows = new ArrayList<>();
        slices.forEach((key, configs) -> rows.addAll(slice(key, configs, ref, bootstrap, seed)));
        return new SignificanceTable(ref, rows);
    }

    private static List<SignificanceRow> slice(List<String> key, Map<Configuration, List<TidyRow>> configs,
                                               String ref, Bootstrap bootstrap, long seed) {
        List<Configuration> refConfigs = configs.keySet().stream().filter(c -> c.method().equals(ref)).toList();
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
        List<TidyRow> refRows = sortedRuns(configs.get(refConfigs.get(0)));
        Map<String, Integer> configsPerMethod = new TreeMap<>();
        configs.keySet().forEach(c -> configsPerMethod.merge(c.method(), 1, Integer::sum));
        List<SignificanceRow> rows = new ArrayList<>();
        for (Map.Entry<Configuration, List<TidyRow>> entry : configs.entrySet()) {
            Configuration config = entry.getKey();
            if (config.method().equals(ref)) {
                continue;
            }
            String label = configsPerMethod.get(config.method()) > 1
                    ? config.method() + "[" + config.hyperparameterLabel() + "]" : config.method();
            rows.add(compare(key, label, config, sortedRuns(entry.getValue()), ref, refRows, bootstrap, seed));
        }
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).welchP().isPresent()) {
                tested.add(i);
            }
        }
        double[] raw = tested.stream().mapToDouble(i -> rows.get(i).welchP().getAsDouble()).toArray();
        double[] adjusted = Holm.adjust(raw);
        for (int j = 0; j < tested.size(); j++) {
            rows.set(tested.get(j), rows.get(tested.get(j)).withHolmP(adjusted[j]));
        }
        return rows;
    }

    private static SignificanceRow compare(List<String> key, String label, Configuration config, List<TidyRow> runs,
                                           String ref, List<TidyRow> refRuns, Bootstrap bootstrap, long seed) {
        double[] x = values(runs);
        double[] y = values(refRuns);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        OptionalDouble std = attempt(missing, "std", () -> Math.sqrt(Samples.variance(Samples.atLeast("x", x, 2))));
        OptionalDouble refStd = attempt(missing, "reference_std",
                () -> Math.sqrt(Samples.variance(Samples.atLeast("y", y, 2))));
        long rowSeed = Bootstrap.deriveSeed(seed, "significance", key.get(0), key.get(1), key.get(2), label);
        OptionalDouble ciLow = OptionalDouble.empty();
        OptionalDouble ciHigh = OptionalDouble.empty();
        try {
            Bootstrap.Interval ci = bootstrap.meanDifference(x, y, rowSeed);
            ciLow = OptionalDouble.of(ci.low());
            ciHigh = OptionalDouble.of(ci.high());
        } catch (InsufficientDataException e) {
            missing.computeIfAbsent(e.reason(), r -> new ArrayList<>()).addAll(List.of("ci_low", "ci_high"));
        }
        OptionalDouble welchP = OptionalDouble.empty();
        OptionalDouble welchLower = OptionalDouble.empty();
        try {
            WelchTest welch = WelchTest.test(x, y);
            welchP = OptionalDouble.of(welch.pTwoSided());
            welchLower = OptionalDouble.of(welch.lowerConfidenceBound(0.95));
        } catch (InsufficientDataException e) {
            missing.computeIfAbsent(e.reason(), r -> new ArrayList<>()).addAll(List.of("welch_p", "holm_p"));
        }
        OptionalDouble g = attempt(missing, "hedges_g", () -> EffectSizes.hedgesG(x, y));
        OptionalDouble wilcoxon = OptionalDouble.empty();
        if (sameRuns(runs, refRuns)) {
            try {
                wilcoxon = OptionalDouble.of(WilcoxonSignedRank.test(x, y).p());
            } catch (InsufficientDataException e) {
                // optional statistic, not a CSV column: absence is documented on the record
            }
        }
        OptionalDouble mdeD = OptionalDouble.empty();
        OptionalDouble mde = OptionalDouble.empty();
        try {
            double d = MinimumDetectableEffect.standardized(x.length, y.length);
            mdeD = OptionalDouble.of(d);
            mde = OptionalDouble.of(d * EffectSizes.pooledStd(x, y));
        } catch (InsufficientDataException e) {
            // optional statistic, not a CSV column
        }
        List<String> notes = new ArrayList<>();
        missing.forEach((reason, fields) -> notes.add(reason + ": " + String.join(", ", fields)));
        double mean = Samples.mean(x);
        double refMean = Samples.mean(y);
        return new SignificanceRow(key.get(0), key.get(1), key.get(2), label, config, ref, x.length, mean, std,
                y.length, refMean, refStd, mean - refMean, ciLow, ciHigh, welchP, welchLower,
                MannWhitneyExact.test(x, y).p(), OptionalDouble.empty(), g, EffectSizes.a12(x, y), wilcoxon,
                mdeD, mde, notes);
    }

    private static OptionalDouble attempt(Map<String, List<String>> missing, String field, DoubleSupplier statistic) {
        try {
            return OptionalDouble.of(statistic.getAsDouble());
        } catch (InsufficientDataException e) {
            missing.computeIfAbsent(e.reason(), r -> new ArrayList<>()).add(field);
            return OptionalDouble.empty();
        }
    }

    private static List<TidyRow> sortedRuns(List<TidyRow> runs) {
        return runs.stream().sorted(Comparator.comparing(TidyRow::study).thenComparingLong(TidyRow::seed)).toList();
    }

    private static boolean sameRuns(List<TidyRow> a, List<TidyRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).study().equals(b.get(i).study()) || a.get(i).seed() != b.get(i).seed()) {
                return false;
            }
        }
        return true;
    }

    private static double[] values(List<TidyRow> runs) {
        return runs.stream().mapToDouble(TidyRow::value).toArray();
    }
}
