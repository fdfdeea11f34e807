package io.salr.reports.format;

import java.util.Locale;

/**
 * Numbers for a page a person reads: no more digits than the uncertainty supports. A value with an interval
 * is rounded to two significant digits of the interval's half-width (a half-width of 0.0123 keeps 3 decimals:
 * {@code 0.912 +- 0.012}); p-values keep two significant digits, and below 0.001 read {@code < 0.001}.
 * Formatting uses {@link Locale#ROOT}.
 */
public final class Rounding {

    /** The most decimals ever shown. */
    public static final int MAX_DECIMALS = 8;

    private Rounding() {
    }

    /** The decimals that keep two significant digits of {@code halfWidth}; 3 significant digits of {@code value} without one. */
    public static int decimals(double halfWidth, double value) {
        if (halfWidth > 0 && Double.isFinite(halfWidth)) {
            return clamp(1 - (int) Math.floor(Math.log10(halfWidth)));
        }
        if (value == 0 || !Double.isFinite(value)) {
            return 0;
        }
        return clamp(2 - (int) Math.floor(Math.log10(Math.abs(value))));
    }

    /** {@code value} with {@code decimals} decimals; never {@code -0}. */
    public static String fixed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + clamp(decimals) + "f", value);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }

    /** {@code value} with an explicit sign ({@code +1.2}, {@code -0.4}, {@code 0}). */
    public static String signed(double value, int decimals) {
        String text = fixed(value, decimals);
        return text.startsWith("-") || text.matches("0(\\.0*)?") ? text : "+" + text;
    }

    /** A p-value: two significant digits, {@code < 0.001} below 0.001, {@code 1} at 1. */
    public static String p(double p) {
        if (p < 0.001) {
            return "< 0.001";
        }
        if (p >= 0.995) {
            return "1";
        }
        return fixed(p, clamp(1 - (int) Math.floor(Math.log10(p))));
    }

    private static int clamp(int decimals) {
        return Math.max(0, Math.min(MAX_DECIMALS, decimals));
    }
}
