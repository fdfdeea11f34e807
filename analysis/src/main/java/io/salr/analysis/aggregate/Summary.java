package io.salr.analysis.aggregate;

import io.salr.analysis.compare.Arm;
import io.salr.analysis.metric.Metrics;
import io.salr.analysis.stats.Iqm;
import io.salr.analysis.stats.MinimumDetectableEffect;
import io.salr.analysis.stats.Samples;
import io.salr.analysis.tidy.TidyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The aggregation table: one {@link SummaryRow} per (configuration, ordinary metric), sorted by configuration
 * ({@link Configuration#compareTo}) and then metric name. Outcome flags are not rows: they are the failure
 * counts of every row of their configuration.
 *
 * @param hyperparameterColumns the extra hyperparameter columns, in input order
 * @param rows                  the rows, sorted
 */
public record Summary(List<String> hyperparameterColumns, List<SummaryRow> rows) {

    /** Confidence of the interval of the mean. */
    public static final double CONFIDENCE = 0.95;

    public Summary {
        hyperparameterColumns = List.copyOf(hyperparameterColumns);
        rows = List.copyOf(rows);
    }

    /** {@link #of(TidyResults, Metrics)} with the built-in metric directions. */
    public static Summary of(TidyResults results) {
        return of(results, Metrics.BUILT_IN);
    }

    /**
     * Aggregates tidy results over the finished runs ({@link Runs}). The interval of the mean is Student's t,
     * {@code mean -/+ t(0.975, n - 1) s / sqrt(n)}, exact for normal data at every n &gt;= 2.
     */
    public static Summary of(TidyResults results, Metrics metrics) {
        Objects.requireNonNull(results, "results");
        List<SummaryRow> rows = new ArrayList<>();
        for (Runs.Group group : Runs.of(results).groups()) {
            Arm arm = group.arm();
            double[] data = arm.values();
            int n = data.length;
            List<String> notes = new ArrayList<>();
            OptionalDouble mean = OptionalDouble.empty();
            OptionalDouble median = OptionalDouble.empty();
            OptionalDouble iqm = OptionalDouble.empty();
            OptionalDouble min = OptionalDouble.empty();
            OptionalDouble max = OptionalDouble.empty();
            OptionalDouble std = OptionalDouble.empty();
            OptionalDouble ciLow = OptionalDouble.empty();
            OptionalDouble ciHigh = OptionalDouble.empty();
            OptionalDouble mdeD = OptionalDouble.empty();
            OptionalDouble mde = OptionalDouble.empty();
            if (n >= 1) {
                double[] sorted = Samples.sorted(data);
                mean = OptionalDouble.of(Samples.mean(data));
                median = OptionalDouble.of(Samples.quantileType7(sorted, 0.5));
                iqm = OptionalDouble.of(Iqm.of(data));
                min = OptionalDouble.of(sorted[0]);
                max = OptionalDouble.of(sorted[n - 1]);
            } else {
                notes.add("no finished run");
            }
            if (n >= 2) {
                double s = Samples.std(data);
                std = OptionalDouble.of(s);
                double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2)
                        * s / Math.sqrt(n);
                ciLow = OptionalDouble.of(mean.getAsDouble() - half);
                ciHigh = OptionalDouble.of(mean.getAsDouble() + half);
                double d = MinimumDetectableEffect.standardized(n, n);
                mdeD = OptionalDouble.of(d);
                mde = OptionalDouble.of(d * s);
            } else if (n == 1) {
                notes.add(Samples.N_TOO_SMALL);
            }
            if (arm.nFailed() > 0) {
                notes.add(arm.nFailed() + " failed run(s) left out of every statistic");
            }
            rows.add(new SummaryRow(group.configuration(), group.metric(), metrics.direction(group.metric()), n,
                    arm.failures(), mean, std, ciLow, ciHigh, median, iqm, min, max, mdeD, mde, notes));
        }
        return new Summary(results.hyperparameterColumns(), rows);
    }
}
