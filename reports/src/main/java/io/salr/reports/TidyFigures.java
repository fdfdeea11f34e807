package io.salr.reports;

import io.salr.analysis.aggregate.Configuration;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import io.salr.reports.figures.PaperFigures;
import io.salr.reports.tables.MetricSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The figures that come from the tidy results alone: per-seed strip plots per network and metric, and
 * the gamma sensitivity of every method with at least two gamma values on a network.
 */
final class TidyFigures {

    /** Confidence level of the gamma figures' error bars. */
    static final double CONFIDENCE = 0.95;

    private TidyFigures() {
    }

    /** The metrics drawn: those of Tables I and II when present, else every metric but the divergence flag. */
    static List<MetricSpec> metrics(TidyResults results) {
        TreeSet<String> present = new TreeSet<>();
        results.rows().forEach(r -> present.add(r.metric()));
        present.remove(TidyRow.DIVERGED);
        List<MetricSpec> known = new ArrayList<>();
        for (MetricSpec spec : List.of(MetricSpec.TEST_ACCURACY, MetricSpec.FINAL_SHARPNESS)) {
            if (present.contains(spec.metric())) {
                known.add(spec);
            }
        }
        if (!known.isEmpty()) {
            return known;
        }
        return present.stream().map(m -> new MetricSpec(m, m, 1, MetricSpec.Unit.NONE, true, 4)).toList();
    }

    /** Axis label of a metric with its unit. */
    static String label(MetricSpec metric) {
        return switch (metric.unit()) {
            case PERCENT -> metric.name() + " (%)";
            case THOUSANDTHS -> metric.name() + " (x 10^-3)";
            case NONE -> metric.name();
        };
    }

    /** Per network and metric, a strip plot of the per-seed values of each method configuration. */
    static List<ReportInput.NamedFigure> perSeed(TidyResults results) {
        List<ReportInput.NamedFigure> figures = new ArrayList<>();
        for (MetricSpec metric : metrics(results)) {
            Map<List<String>, Map<Configuration, List<Double>>> networks = new TreeMap<>(
                    Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
            Map<String, TreeSet<String>> labelsPerMethod = new TreeMap<>();
            for (TidyRow row : results.rows()) {
                if (row.metric().equals(metric.metric())) {
                    Configuration c = Configuration.of(row);
                    Configuration column = new Configuration("", "", c.method(), c.gamma(), c.hyperparameters());
                    networks.computeIfAbsent(List.of(row.dataset(), row.model()), k -> new TreeMap<>())
                            .computeIfAbsent(column, k -> new ArrayList<>()).add(row.value() * metric.scale());
                    labelsPerMethod.computeIfAbsent(c.method(), m -> new TreeSet<>()).add(c.hyperparameterLabel());
                }
            }
            networks.forEach((network, columns) -> {
                Map<String, double[]> groups = new LinkedHashMap<>();
                columns.forEach((c, values) -> groups.put(labelsPerMethod.get(c.method()).size() > 1
                        ? c.method() + " [" + c.hyperparameterLabel() + "]" : c.method(),
                        values.stream().mapToDouble(Double::doubleValue).toArray()));
                String where = network.get(0) + " / " + network.get(1);
                figures.add(new ReportInput.NamedFigure("seeds-" + (figures.size() + 1),
                        metric.name() + " per seed on " + where + " (points: seeds; diamonds: means)",
                        PaperFigures.perSeed(metric.name() + " per seed: " + where, label(metric), groups)));
            });
        }
        return figures;
    }

    /**
     * Per method, network (with its other hyperparameters) and metric with at least two gamma values:
     * the mean per gamma with error bars of the 95% confidence interval of the mean,
     * {@code t(0.975, n - 1) * s / sqrt(n)}; a gamma with a single seed gets no bar (half-width 0).
     */
    static List<ReportInput.NamedFigure> gammaSensitivity(TidyResults results) {
        List<ReportInput.NamedFigure> figures = new ArrayList<>();
        for (MetricSpec metric : metrics(results)) {
            Map<Configuration, TreeMap<Double, List<Double>>> slices = new TreeMap<>();
            for (TidyRow row : results.rows()) {
                if (row.metric().equals(metric.metric()) && row.gamma().isPresent()) {
                    Configuration slice = new Configuration(row.dataset(), row.model(), row.method(),
                            OptionalDouble.empty(), row.hyperparameters());
                    slices.computeIfAbsent(slice, s -> new TreeMap<>())
                            .computeIfAbsent(row.gamma().getAsDouble(), g -> new ArrayList<>())
                            .add(row.value() * metric.scale());
                }
            }
            slices.forEach((slice, perGamma) -> {
                if (perGamma.size() < 2 || perGamma.firstKey() <= 0) {
                    return;
                }
                double[] gammas = perGamma.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] means = new double[gammas.length];
                double[] half = new double[gammas.length];
                boolean single = false;
                int i = 0;
                for (List<Double> values : perGamma.values()) {
                    double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
                    means[i] = Samples.mean(x);
                    if (x.length >= 2) {
                        double t = new TDistribution(null, x.length - 1)
                                .inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
                        half[i] = t * Math.sqrt(Samples.variance(x) / x.length);
                    } else {
                        single = true;
                    }
                    i++;
                }
                String hyper = slice.hyperparameterLabel();
                String where = slice.method() + " on " + slice.dataset() + " / " + slice.model()
                        + (hyper.isEmpty() ? "" : " [" + hyper + "]");
                figures.add(new ReportInput.NamedFigure("gamma-" + (figures.size() + 1),
                        metric.name() + " against gamma, " + where + ": mean with 95% confidence interval of the mean"
                                + (single ? " (gammas with a single seed have no interval)" : ""),
                        PaperFigures.gammaSensitivity(metric.name() + " against gamma: " + where, label(metric),
                                gammas, means, half)));
            });
        }
        return figures;
    }
}
