package io.salr.validation;

/**
 * The one place where parameter guards live. Each check returns its argument so constructors can
 * validate and assign in one expression, and each failure names the parameter and its value.
 */
public final class Checks {

    private Checks() {
    }

    /** A finite number (not NaN, not infinite). */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(name, value, "must be a finite number");
        }
        return value;
    }

    /** A finite number strictly greater than zero. */
    public static double positive(String name, double value) {
        finite(name, value);
        if (!(value > 0)) {
            throw new InvalidParameterException(name, value, "must be > 0");
        }
        return value;
    }

    /** A finite number greater than or equal to zero. */
    public static double nonNegative(String name, double value) {
        finite(name, value);
        if (value < 0) {
            throw new InvalidParameterException(name, value, "must be >= 0");
        }
        return value;
    }

    /** A finite number in the closed interval [low, high]. */
    public static double inClosedRange(String name, double value, double low, double high) {
        finite(name, value);
        if (value < low || value > high) {
            throw new InvalidParameterException(name, value, "must lie in [" + low + ", " + high + "]");
        }
        return value;
    }

    /** A finite number in the half-open interval [low, high). */
    public static double inHalfOpenRange(String name, double value, double low, double high) {
        finite(name, value);
        if (value < low || value >= high) {
            throw new InvalidParameterException(name, value, "must lie in [" + low + ", " + high + ")");
        }
        return value;
    }

    /** An integer greater than or equal to {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidParameterException(name, value, "must be >= " + min);
        }
        return value;
    }

    /** A long greater than or equal to {@code min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidParameterException(name, value, "must be >= " + min);
        }
        return value;
    }

    /** A reference that must be present. */
    public static <T> T present(String name, T value) {
        if (value == null) {
            throw new InvalidParameterException(name, "null", "must be given");
        }
        return value;
    }
}
