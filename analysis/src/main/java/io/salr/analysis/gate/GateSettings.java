package io.salr.analysis.gate;

import io.salr.validation.InvalidParameterException;
import io.salr.analysis.metric.Direction;
import io.salr.analysis.metric.Metrics;
import java.util.Objects;

/**
 * What the gate tests, validated here.
 *
 * <p>Units: the tidy results hold accuracies as fractions in [0, 1] while the paper reports them in
 * percent, so the margin is read in the metric's <em>displayed</em> unit: percentage points for metrics
 * whose name ends in {@code accuracy} ({@link #scale()} = 100, so the default margin 0.5 means a drop of
 * 0.005 in the stored fraction), the metric's own units otherwise ({@link #scale()} = 1). The verdict table
 * shows every value in the displayed unit.
 *
 * @param metric    the metric compared, e.g. {@code test_accuracy}; non-blank
 * @param margin    the non-inferiority margin in the displayed unit, finite and &gt;= 0
 * @param alpha     one-sided error rate, in (0, 0.5); the bounds are one-sided (1 - alpha) bounds (0.05 by
 *                  default; 0.025, the regulatory convention for non-inferiority, matches a two-sided 95% interval)
 * @param direction which way the metric improves
 */
public record GateSettings(String metric, double margin, double alpha, Direction direction) {

    /** The defaults of the command line: test accuracy, 0.5 percentage points, alpha 0.05. */
    public static final String DEFAULT_METRIC = "test_accuracy"; // a constant: annotations use it (MetricTest holds it to Metric.TEST_ACCURACY)
    public static final double DEFAULT_MARGIN = 0.5;
    public static final double DEFAULT_ALPHA = 0.05;

    public GateSettings {
        if (metric == null || metric.isBlank()) {
            throw new InvalidParameterException("metric", metric, "must be a non-blank metric name");
        }
        if (!(Double.isFinite(margin) && margin >= 0)) {
            throw new InvalidParameterException("margin", margin, "must be a finite number >= 0 (in "
                    + unitOf(metric) + ")");
        }
        if (isPercent(metric) && margin > 100) {
            throw new InvalidParameterException("margin", margin, "must be at most 100 percentage points for "
                    + metric);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidParameterException("alpha", alpha, "must lie in (0, 0.5)");
        }
        Objects.requireNonNull(direction, "direction");
    }

    /** Settings whose direction is the one the metric's name implies. */
    public static GateSettings of(String metric, double margin, double alpha) {
        Direction d = Metrics.builtIn(metric == null ? "" : metric).orElseThrow(() ->
                new InvalidParameterException("direction", "(none)", "must be given for metric '" + metric
                        + "': its name does not say whether higher or lower is better"));
        return new GateSettings(metric, margin, alpha, d);
    }

    /** Displayed unit per stored unit: 100 for accuracies (fractions shown in percent), 1 otherwise. */
    public double scale() {
        return isPercent(metric) ? 100 : 1;
    }

    /** The margin in the stored (tidy) units. */
    public double rawMargin() {
        return margin / scale();
    }

    /** Whether stored values must be fractions in [0, 1] (accuracies). */
    public boolean fractions() {
        return isPercent(metric);
    }

    /** The displayed unit in words. */
    public String unit() {
        return unitOf(metric);
    }

    private static boolean isPercent(String metric) {
        return Metrics.isFraction(metric);
    }

    private static String unitOf(String metric) {
        return metric != null && isPercent(metric) ? "percentage points" : "the metric's units";
    }
}
