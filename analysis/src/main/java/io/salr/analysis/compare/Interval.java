package io.salr.analysis.compare;

import java.util.Objects;

/**
 * A two-sided confidence interval with its stated coverage and the method that gives it.
 *
 * @param low      lower end
 * @param high     upper end, &gt;= low
 * @param coverage nominal two-sided coverage in (0, 1), e.g. 0.95
 * @param method   how it was computed, e.g. {@code Welch t}
 */
public record Interval(double low, double high, double coverage, String method) {

    public Interval {
        Objects.requireNonNull(method, "method");
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("interval needs finite low <= high, was [" + low + ", " + high + "]");
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must lie in (0, 1), was " + coverage);
        }
    }

    /** Whether the interval holds {@code value}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** The interval of {@code sign * x}: flipped when sign is negative. */
    public Interval times(double sign) {
        return sign >= 0 ? this : new Interval(-high, -low, coverage, method);
    }

    /** Half the width. */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
