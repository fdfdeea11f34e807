package io.salr.analysis.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * Number formatting for the CSV outputs: at most {@value #SIGNIFICANT_DIGITS} significant digits
 * (round half even), trailing zeros removed; plain decimal notation when {@code 1e-4 <= |v| < 1e7}
 * (after rounding), otherwise scientific notation with one leading digit and a signed or unsigned integer
 * exponent, such as {@code 1.23457E-12}, {@code 1.5E-5} or {@code -2E7}; zero (either sign) is {@code 0}. No locale is involved: the text comes from {@link BigDecimal}, which always uses '.' and
 * ASCII digits. Absent values are the empty string; NaN and infinities are rejected.
 */
public final class Numbers {

    /** Significant digits kept. */
    public static final int SIGNIFICANT_DIGITS = 6;

    private static final MathContext CONTEXT = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** Formats a finite number. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("only finite numbers are written, got " + value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(CONTEXT).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            return rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (rounded.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
    }

    /** Formats a present value, or the empty string when absent. */
    public static String format(OptionalDouble value) {
        return value.isPresent() ? format(value.getAsDouble()) : "";
    }
}
