package io.salr.reports.tables;

import io.salr.analysis.metric.Metric;
import java.util.Locale;
import java.util.Objects;

/**
 * How a metric is shown in a paper-style table: its display name, the factor that turns a stored value
 * into the displayed one (with the unit that factor stands for), the number of decimals, and which
 * direction is better (which decides the bold "best" cell).
 *
 * @param metric         the tidy metric name, e.g. {@code test_accuracy}
 * @param name           display name, e.g. {@code Accuracy}
 * @param scale          displayed value = stored value * scale
 * @param unit           what the scale means (percent, 10^-3, none)
 * @param higherIsBetter whether the largest mean is the best
 * @param decimals       decimals shown, 0 to 10
 */
public record MetricSpec(String metric, String name, double scale, Unit unit, boolean higherIsBetter,
                         int decimals) {

    /** What a {@link MetricSpec#scale()} stands for; each table format renders it in its own markup. */
    public enum Unit {
        /** Values are fractions shown in percent (scale 100). */
        PERCENT,
        /** Values are shown in units of 10^-3 (scale 1000), as Table II of the paper. */
        THOUSANDTHS,
        /** Values are shown as stored. */
        NONE
    }

    /** Table I and III: test accuracy, stored as a fraction, shown in percent with 2 decimals. */
    public static final MetricSpec TEST_ACCURACY =
            new MetricSpec(Metric.TEST_ACCURACY.id(), "Accuracy", 100, Unit.PERCENT, true, 2);

    /** Table II: sharpness S_hat of the final solution, shown in units of 10^-3 with 2 decimals; lower is better. */
    public static final MetricSpec FINAL_SHARPNESS =
            new MetricSpec(Metric.FINAL_SHARPNESS.id(), "Final sharpness", 1000, Unit.THOUSANDTHS, false, 2);

    public MetricSpec {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite positive number, was " + scale);
        }
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must lie in [0, 10], was " + decimals);
        }
    }

    /**
     * A stored value as displayed: scaled, rounded half-up to {@link #decimals()} places, '.' as decimal
     * separator whatever the default locale; a value that rounds to zero never shows a minus sign.
     */
    public String format(double stored) {
        if (!Double.isFinite(stored)) {
            throw new IllegalArgumentException("only finite values are shown, got " + stored + " for " + metric);
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", stored * scale);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }

    /** Whether mean {@code a} is strictly better than mean {@code b}. */
    public boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }
}
