package io.salr.analysis.aggregate;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The aggregate of one metric over the seeds of one configuration.
 *
 * <p>Statistics that need at least two values ({@code std}, the IQM interval, the minimum detectable
 * effect) are empty for a single seed, and {@link #notes()} says why; nothing is ever NaN.
 *
 * @param configuration the configuration
 * @param metric        the metric name
 * @param n             number of values (seeds), at least 1
 * @param mean          arithmetic mean
 * @param std           sample standard deviation (n - 1 denominator), empty when n &lt; 2
 * @param median        median
 * @param iqm           interquartile mean ({@link io.salr.analysis.stats.Iqm})
 * @param iqmCiLow      lower end of the bootstrap percentile interval of the IQM, empty when n &lt; 2
 * @param iqmCiHigh     upper end of that interval, empty when n &lt; 2
 * @param min           smallest value
 * @param max           largest value
 * @param diverged      number of runs of this configuration flagged diverged
 * @param mdeStandardized minimum detectable effect for n seeds in each of two groups (alpha 0.05
 *                      two-sided, power 0.8) in standard-deviation units, empty when n &lt; 2
 * @param mde           the same in the metric's units (times {@code std}), empty when n &lt; 2
 * @param notes         reasons for empty statistics, e.g. {@code "n too small"}
 */
public record SummaryRow(Configuration configuration, String metric, int n, double mean, OptionalDouble std,
                         double median, double iqm, OptionalDouble iqmCiLow, OptionalDouble iqmCiHigh,
                         double min, double max, int diverged, OptionalDouble mdeStandardized,
                         OptionalDouble mde, List<String> notes) {

    public SummaryRow {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(metric, "metric");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        if (diverged < 0) {
            throw new IllegalArgumentException("diverged must be >= 0, was " + diverged);
        }
        for (double v : new double[] {mean, median, iqm, min, max}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("summary statistics must be finite, got " + v
                        + " for metric '" + metric + "'");
            }
        }
        notes = List.copyOf(notes);
    }
}
