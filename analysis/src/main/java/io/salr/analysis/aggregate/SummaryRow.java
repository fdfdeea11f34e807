package io.salr.analysis.aggregate;

import io.salr.analysis.metric.Direction;
import io.salr.analysis.tidy.OutcomeFlag;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The aggregate of one metric over the finished runs (seeds) of one configuration, with the failed runs
 * counted beside it. Statistics that cannot be computed are empty and {@link #notes()} says why; nothing is
 * ever NaN. Mean and standard deviation come from {@link io.salr.analysis.stats.Samples}, the same definitions
 * as the comparisons', so a constant metric has standard deviation exactly 0 in both files.
 *
 * @param configuration   the configuration
 * @param metric          the metric name
 * @param direction       which way the metric improves, when known
 * @param n               finished runs with a value, &gt;= 0
 * @param failed          failed runs per outcome flag (they have no value)
 * @param mean            arithmetic mean, empty when n = 0
 * @param std             sample standard deviation (n - 1 denominator), empty when n &lt; 2
 * @param ciLow           lower end of the Student t 95% interval of the mean, empty when n &lt; 2
 * @param ciHigh          upper end of that interval
 * @param median          median, empty when n = 0
 * @param iqm             interquartile mean ({@link io.salr.analysis.stats.Iqm}), empty when n = 0
 * @param min             smallest value, empty when n = 0
 * @param max             largest value, empty when n = 0
 * @param mdeStandardized minimum detectable effect for n runs in each of two groups (alpha 0.05 two-sided,
 *                        power 0.8) in standard-deviation units, empty when n &lt; 2
 * @param mde             the same in the metric's units (times {@code std}), empty when n &lt; 2
 * @param notes           reasons for empty statistics, e.g. {@code "n too small"}
 */
public record SummaryRow(Configuration configuration, String metric, Optional<Direction> direction, int n,
                         Map<OutcomeFlag, Integer> failed, OptionalDouble mean, OptionalDouble std, OptionalDouble ciLow,
                         OptionalDouble ciHigh, OptionalDouble median, OptionalDouble iqm, OptionalDouble min,
                         OptionalDouble max, OptionalDouble mdeStandardized, OptionalDouble mde, List<String> notes) {

    public SummaryRow {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        Map<OutcomeFlag, Integer> copy = new EnumMap<>(OutcomeFlag.class);
        for (OutcomeFlag f : OutcomeFlag.values()) {
            copy.put(f, failed.getOrDefault(f, 0));
        }
        failed = Collections.unmodifiableMap(copy);
        for (OptionalDouble v : List.of(mean, std, ciLow, ciHigh, median, iqm, min, max, mdeStandardized, mde)) {
            if (v.isPresent() && !Double.isFinite(v.getAsDouble())) {
                throw new IllegalArgumentException("summary statistics must be finite, got " + v.getAsDouble()
                        + " for metric '" + metric + "'");
            }
        }
        notes = List.copyOf(notes);
    }

    /** Failed runs, all flags. */
    public int nFailed() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }
}
